package vn.bordergate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.audit.AuditTrail.ChainHead;
import vn.bordergate.audit.AuditTrail.StoredEvent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code declaration_events} table: the audit trail as stored, hash links included. */
@ApplicationScoped
class EventRepository {

    private final Pool pool;
    private final ObjectMapper json;

    private final PartitionDayQueries partitions;

    EventRepository(Pool pool, ObjectMapper json, PartitionDayQueries partitions) {
        this.pool = pool;
        this.partitions = partitions;
        this.json = json;
    }

    // A declaration's events live in its partition (V7__partitioned_by_day.sql): naming it reads one.
    private static final String OF_DECLARATION_1 = "declaration_id = $1 AND partition_day = partition_day_of($1)";

    /** Writes an event with its details text and chain fields; answers its sequence number. */
    static Uni<Long> insert(SqlConnection conn, DeclarationEvent e, String detailsText, OffsetDateTime occurredAt,
                            String previousHash, String hash) {
        return conn.preparedQuery("INSERT INTO declaration_events (declaration_id, partition_day, type, from_status, "
                        + "to_status, actor, actor_role, gate_code, reason, details, occurred_at, prev_hash, hash) "
                        + "VALUES ($1, partition_day_of($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id")
                .execute(Tuple.from(Arrays.asList(e.declarationId(), e.type(), e.fromStatus(), e.toStatus(), e.actor(),
                        e.actorRole(), e.gateCode(), e.reason(), detailsText, occurredAt, previousHash, hash)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The hash of the declaration's newest event, or null for none. */
    static Uni<String> newestHash(SqlConnection conn, UUID declarationId) {
        return conn.preparedQuery("SELECT hash FROM declaration_events WHERE " + OF_DECLARATION_1 + " ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(declarationId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("hash"));
    }

    /** Events newer than {@code sequence}, oldest first: only from the booking days that can hold one. */
    Uni<List<StoredEvent>> after(long sequence, int limit) {
        return partitions.eventsAfter(sequence).chain(days -> pool.preparedQuery("SELECT * FROM declaration_events "
                        + "WHERE " + PartitionDayQueries.among("partition_day", days) + " AND id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(sequence, limit))).map(this::stored);
    }

    /** A declaration's events, oldest first: from its online partition, or else from its archived day's table. */
    Uni<List<StoredEvent>> of(UUID declarationId) {
        return pool.preparedQuery("SELECT * FROM declaration_events WHERE " + OF_DECLARATION_1 + " ORDER BY id")
                .execute(Tuple.of(declarationId)).map(this::stored)
                .chain(online -> !online.isEmpty() ? Uni.createFrom().item(online)
                        : archived(declarationId, "declaration_events", "SELECT * FROM %s WHERE declaration_id = $1 ORDER BY id")
                        .map(rows -> rows == null ? List.<StoredEvent>of() : stored(rows)));
    }

    /**
     * Runs {@code sql} (its table a {@code %s}) on the archived day table of {@code table} this declaration's id
     * names; null when that day is not archived. Reads of the archive touch one table, never an online partition.
     */
    private Uni<RowSet<Row>> archived(UUID declarationId, String table, String sql) {
        String archivedDay = PartitionDayQueries.ARCHIVE + "." + PartitionDayQueries.partition(table,
                PartitionDayQueries.dayOf(declarationId));
        return pool.preparedQuery(String.format(sql, archivedDay)).execute(Tuple.of(declarationId))
                .onFailure(e -> e instanceof PgException pg && "42P01".equals(pg.getSqlState())).recoverWithNull();
    }

    /** The newest event's sequence: of the live days, or else the newest a finished day had. */
    Uni<Long> newestSequence() {
        return partitions.live().chain(days -> pool.preparedQuery("SELECT coalesce(max(id), 0) AS newest "
                        + "FROM declaration_events WHERE " + PartitionDayQueries.among("partition_day", days)).execute())
                .map(rows -> rows.iterator().next().getLong("newest"))
                .chain(live -> partitions.newestFinishedEvent().map(finished -> Math.max(live, finished)));
    }

    /**
     * The declaration row's side of the chain. The one read of {@code declarations} outside its feature:
     * {@code last_event_hash} is the audit's own column (kept by the V5 trigger), and reading it here keeps
     * the audit trail below the declarations that use it.
     */
    Uni<ChainHead> chainHead(UUID declarationId) {
        return pool.preparedQuery("SELECT status, last_event_hash FROM declarations WHERE id = $1 "
                        + "AND partition_day = partition_day_of($1)")
                .execute(Tuple.of(declarationId))
                .chain(online -> online.rowCount() > 0 ? Uni.createFrom().item(online)
                        : archived(declarationId, "declarations", "SELECT status, last_event_hash FROM %s WHERE id = $1"))
                .map(rows -> rows == null || rows.rowCount() == 0 ? null
                        : new ChainHead(rows.iterator().next().getString("status"), rows.iterator().next().getString("last_event_hash")));
    }

    private List<StoredEvent> stored(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>();
        rows.forEach(row -> events.add(toStored(row)));
        return events;
    }

    private StoredEvent toStored(Row row) {
        String details = row.getString("details");
        DeclarationEvent event = new DeclarationEvent(row.getLong("id"), row.getUUID("declaration_id"), row.getString("type"),
                row.getString("from_status"), row.getString("to_status"), row.getString("actor"),
                row.getString("actor_role"), row.getString("gate_code"), row.getString("reason"),
                details == null ? null : read(details), row.getOffsetDateTime("occurred_at"));
        return new StoredEvent(event, details, row.getString("prev_hash"), row.getString("hash"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String details) {
        try {
            return json.readValue(details, Map.class);
        } catch (JsonProcessingException e) {
            // A row edited by hand into invalid JSON is still shown (and the chain check will flag it).
            return Map.of("unreadable", details);
        }
    }
}
