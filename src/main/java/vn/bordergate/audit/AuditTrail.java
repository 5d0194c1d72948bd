package vn.bordergate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.Transactions;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only, hash-chained audit trail. Events are written on the connection of the change they
 * describe, so a transition and its event commit together or not at all; the change's row lock on the
 * declaration orders the events of one declaration, so each one can link to the one before.
 */
@ApplicationScoped
public class AuditTrail {

    private static final String INSERT = "INSERT INTO declaration_events (declaration_id, type, from_status, to_status, "
            + "actor, actor_role, gate_code, reason, details, occurred_at, prev_hash, hash) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final Transactions transactions;
    private final Transactions.AfterCommit<DeclarationEvent> announce;

    public AuditTrail(Pool pool, ObjectMapper json, Clock clock, Transactions transactions, EventAnnouncer announcer) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        // One receiver object, so all events of a transaction are announced together.
        this.announce = announcer::announce;
    }

    /** A first event ready to be written by someone else's statement: its details text, time and hashes. */
    public record PreparedFirst(String details, OffsetDateTime occurredAt, String previousHash, String hash) {
    }

    /** Computes a declaration's first event (linked to the genesis hash) for a combined booking write. */
    public PreparedFirst prepareFirst(DeclarationEvent e) {
        OffsetDateTime now = EventChain.truncate(OffsetDateTime.now(clock));
        String details = e.details() == null ? null : write(e.details());
        return new PreparedFirst(details, now, EventChain.GENESIS, EventChain.hash(EventChain.GENESIS, e.declarationId(),
                e.type(), e.fromStatus(), e.toStatus(), e.actor(), e.actorRole(), e.gateCode(), e.reason(), details, now));
    }

    /** The first event of a new declaration: nothing to link to yet, so no read is needed. */
    public Uni<Void> appendFirst(SqlConnection conn, DeclarationEvent event) {
        return insert(conn, event, EventChain.GENESIS);
    }

    /** An event linked to the declaration's latest one; call while holding the declaration's row lock. */
    public Uni<Void> append(SqlConnection conn, DeclarationEvent event) {
        return conn.preparedQuery("SELECT hash FROM declaration_events WHERE declaration_id = $1 ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(event.declarationId()))
                .map(rows -> rows.rowCount() == 0 ? EventChain.GENESIS : rows.iterator().next().getString("hash"))
                .chain(previous -> insert(conn, event, previous));
    }

    private Uni<Void> insert(SqlConnection conn, DeclarationEvent event, String previousHash) {
        OffsetDateTime now = EventChain.truncate(OffsetDateTime.now(clock));
        return conn.preparedQuery(INSERT).execute(chained(event, previousHash, now))
                .invoke(rows -> transactions.afterCommit(conn, announce, new DeclarationEvent(rows.iterator().next().getLong("id"),
                        event.declarationId(), event.type(), event.fromStatus(), event.toStatus(), event.actor(),
                        event.actorRole(), event.gateCode(), event.reason(), event.details(), now)))
                .replaceWithVoid();
    }

    /** Events of every declaration committed after {@code sequence}, oldest first, at most {@code limit}. */
    public Uni<List<DeclarationEvent>> after(long sequence, int limit) {
        return pool.preparedQuery("SELECT * FROM declaration_events WHERE id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(sequence, limit))
                .map(rows -> {
                    List<DeclarationEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(toStored(row).event()));
                    return events;
                });
    }

    /** What the declaration row says of its chain: its status and the hash of its newest event. */
    public record ChainHead(String status, String lastEventHash) {
    }

    /** The declaration row's side of the chain, or null when there is no such declaration. */
    public Uni<ChainHead> chainHead(UUID declarationId) {
        return pool.preparedQuery("SELECT status, last_event_hash FROM declarations WHERE id = $1")
                .execute(Tuple.of(declarationId))
                .map(rows -> rows.rowCount() == 0 ? null : new ChainHead(rows.iterator().next().getString("status"),
                        rows.iterator().next().getString("last_event_hash")));
    }

    /** The sequence of the newest event written, 0 if none. */
    public Uni<Long> newestSequence() {
        return pool.preparedQuery("SELECT coalesce(max(id), 0) AS newest FROM declaration_events").execute()
                .map(rows -> rows.iterator().next().getLong("newest"));
    }

    public Uni<List<DeclarationEvent>> of(UUID declarationId) {
        return stored(declarationId).map(rows -> rows.stream().map(StoredEvent::event).toList());
    }

    /** Events as stored, with their links, for verification. */
    public Uni<List<StoredEvent>> stored(UUID declarationId) {
        return pool.preparedQuery("SELECT * FROM declaration_events WHERE declaration_id = $1 ORDER BY id")
                .execute(Tuple.of(declarationId))
                .map(rows -> {
                    List<StoredEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(toStored(row)));
                    return events;
                });
    }

    /** An event row with the raw details text and the chain fields. */
    public record StoredEvent(DeclarationEvent event, String detailsText, String prevHash, String hash) {

        /** The hash this row should have, given the hash of the event before it. */
        public String expectedHash(String previousHash) {
            DeclarationEvent e = event;
            return EventChain.hash(previousHash, e.declarationId(), e.type(), e.fromStatus(), e.toStatus(), e.actor(),
                    e.actorRole(), e.gateCode(), e.reason(), detailsText, e.occurredAt());
        }
    }

    private Tuple chained(DeclarationEvent e, String previousHash, OffsetDateTime now) {
        String details = e.details() == null ? null : write(e.details());
        String hash = EventChain.hash(previousHash, e.declarationId(), e.type(), e.fromStatus(), e.toStatus(), e.actor(),
                e.actorRole(), e.gateCode(), e.reason(), details, now);
        return Tuple.from(Arrays.asList(e.declarationId(), e.type(), e.fromStatus(), e.toStatus(), e.actor(),
                e.actorRole(), e.gateCode(), e.reason(), details, now, previousHash, hash));
    }

    private StoredEvent toStored(Row row) {
        String details = row.getString("details");
        DeclarationEvent event = new DeclarationEvent(row.getLong("id"), row.getUUID("declaration_id"), row.getString("type"),
                row.getString("from_status"), row.getString("to_status"), row.getString("actor"),
                row.getString("actor_role"), row.getString("gate_code"), row.getString("reason"),
                details == null ? null : read(details), row.getOffsetDateTime("occurred_at"));
        return new StoredEvent(event, details, row.getString("prev_hash"), row.getString("hash"));
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
