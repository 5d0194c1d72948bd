package vn.bordergate.declaration.admission;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.gate.Gate;
import vn.bordergate.http.Times;
import vn.bordergate.security.Caller;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRows;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import vn.bordergate.gate.Direction;
import vn.bordergate.persistence.GroupCommit;
import vn.bordergate.slot.AdmissionConfig;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.time.format.DateTimeFormatter;

/**
 * The statements on {@code declarations} that admit a booking, fenced on the ledger epoch that admitted
 * it: the one-statement booking (declaration, first audit event and idempotency record in one round trip:
 * the hot path), and, while Redis is away, the counts and the plain insert of a booking decided in
 * PostgreSQL ({@link FallbackBooking}).
 */
@ApplicationScoped
public class BookingStatements {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    // Inserts only while the ledger generation that admitted it is still current (see ledger_epochs).
    private static final String INSERT_FENCED = "INSERT INTO declarations (id, partition_day, reference, gate_code, "
            + "direction, slot_start, slot_end, slot_day, status, priority, queue_number, version, tax_code, plate_key, "
            + "driver_phone, vehicle, driver, cargo, created_by, fee_payer) "
            + "SELECT $1, partition_day_of($1), $2 || (SELECT lpad(n::text, greatest(6, length(n::text)), '0') "
            + "                  FROM nextval('declaration_reference_seq') n), "
            + "$3, $4, $5, $6, $7, 'BOOKED', $8, $9, 1, $10, $11, $12, $13, $14, $15, $16, $18 "
            + "FROM ledger_epochs e WHERE e.gate_code = $3 AND e.day = $7 AND e.epoch = $17 "
            + "RETURNING reference, created_at, updated_at";

    /**
     * The whole booking write in one autocommit statement: the declaration, its first audit event and the
     * idempotency record. FOR SHARE on the gate-day's epoch row is the fence: a ledger rebuild updates that
     * row, so it waits for bookings in flight, and bookings after it see the new epoch and insert nothing.
     */
    private static final String BOOK = "WITH fence AS (SELECT epoch FROM ledger_epochs WHERE gate_code = $3 AND day = $7 FOR SHARE), "
            + "ins AS (INSERT INTO declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, "
            + "slot_day, status, priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo, "
            + "created_by, last_event_hash, fee_payer) "
            + "SELECT $1, partition_day_of($1), $2 || (SELECT lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('declaration_reference_seq') n), "
            + "$3, $4, $5, $6, $7, 'BOOKED', $8, $9, 1, $10, $11, $12, $13, $14, $15, $16, $23, $27 FROM fence WHERE fence.epoch = $17 "
            + "RETURNING id, reference, created_at, updated_at), "
            + "ev AS (INSERT INTO declaration_events (declaration_id, partition_day, type, from_status, to_status, actor, "
            + "actor_role, gate_code, reason, details, occurred_at, prev_hash, hash) "
            + "SELECT ins.id, partition_day_of($1), 'DECLARED', NULL, 'BOOKED', $18, $19, $3, NULL, $20, "
            + "$21, $22, $23 FROM ins RETURNING id), "
            + "idem AS (INSERT INTO idempotency_keys (owner, key, request_hash, status, declaration_id) "
            + "SELECT $24, $25, $26, 201, ins.id FROM ins) "
            + "SELECT ins.reference, ins.created_at, ins.updated_at, (SELECT id FROM ev) AS event_id FROM ins";
    private final Pool pool;
    private final DeclarationRows rows;
    // Bookings written together when they queue (null: each alone).
    private final GroupCommit bookings;

    public BookingStatements(Pool pool, DeclarationRows rows, AdmissionConfig config, Tracer tracer) {
        this.pool = pool;
        this.rows = rows;
        this.bookings = config.bookingWriters() > 0
                ? new GroupCommit(pool, BOOK, config.bookingWriteBatch(), config.bookingWriters(), tracer) : null;
    }

    /** Inserts a new BOOKED declaration; null when the admitting ledger epoch is no longer current. */
    public Uni<Declaration> insertFenced(SqlConnection conn, Declaration d, String referencePrefix, String epoch) {
        Tuple values = Tuple.from(Arrays.asList(d.id(), referencePrefix, d.gateCode(), d.direction().name(),
                d.slot().start(), d.slot().end(), d.slot().day(), d.priority().name(), d.queueNumber(), d.taxCode(),
                d.plateKey(), d.driverPhone(), rows.toJson(d.vehicle()), rows.toJson(d.driver()), rows.toJson(d.cargo()),
                d.createdBy(), epoch, rows.toJsonOrNull(d.feePayer())));
        return conn.preparedQuery(INSERT_FENCED).execute(values).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return d.stored(row.getString("reference"), 1, DeclarationStatus.BOOKED,
                    row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
        });
    }

    /** Bookings written in groups of more than one, and those groups (zeros when writes are never grouped). */
    public long[] groupedBookingWrites() {
        return bookings == null ? new long[]{0, 0} : bookings.grouped();
    }

    /** A booking as committed, with the sequence of its DECLARED event. */
    public record Booked(Declaration declaration, long eventSequence) {
    }

    /**
     * Writes a new booking (see {@link #BOOK}), with others queued at the same moment when PostgreSQL is busy
     * ({@link GroupCommit}); null when the admitting ledger epoch is no longer current.
     */
    public Uni<Booked> book(Declaration d, String referencePrefix, String epoch, ChainedEvent first,
                            IdempotencyStore.Key idempotency) {
        Tuple values = Tuple.from(Arrays.asList(d.id(), referencePrefix, d.gateCode(), d.direction().name(),
                d.slot().start(), d.slot().end(), d.slot().day(), d.priority().name(), d.queueNumber(), d.taxCode(),
                d.plateKey(), d.driverPhone(), rows.toJson(d.vehicle()), rows.toJson(d.driver()), rows.toJson(d.cargo()),
                d.createdBy(), epoch, first.actor(), first.actorRole(), first.details(), first.occurredAt(),
                first.previousHash(), first.hash(), idempotency.owner(), idempotency.key(), idempotency.requestHash(),
                rows.toJsonOrNull(d.feePayer())));
        return (bookings == null ? pool.preparedQuery(BOOK).execute(values) : bookings.execute(values)).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Booked(d.stored(row.getString("reference"), 1, DeclarationStatus.BOOKED,
                    row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at")), row.getLong("event_id"));
        });
    }

    /** The first audit event of a booking with its chain fields, computed before the insert. */
    public record ChainedEvent(String actor, String actorRole, String details, OffsetDateTime occurredAt,
                               String previousHash, String hash) {
    }

    public static DeclarationEvent declared(Declaration d, Caller caller) {
        return declared(d, caller.subject(), caller.role());
    }

    public static DeclarationEvent declared(Declaration d, String actor, String actorRole) {
        return DeclarationEvent.of(d.id(), "DECLARED", null, DeclarationStatus.BOOKED.name(), actor,
                actorRole, d.gateCode(), null,
                Map.of("slotStart", Times.iso(d.slot().start()), "queueNumber", d.queueNumber()));
    }

    public static String referencePrefix(Gate gate, Declaration draft) {
        return gate.referencePrefix + "-" + draft.slot().day().format(DAY) + "-";
    }

    /**
     * Places held in one slot, counted on the fallback booking's connection (it holds the gate-day lock);
     * {@code partitions} are the booking days holding the slot's day ({@code PartitionDayQueries.holding}).
     */
    public static Uni<Integer> placesHeldIn(SqlConnection conn, LocalDate[] partitions, Gate gate, Direction direction,
                                            OffsetDateTime slotStart) {
        return conn.preparedQuery("SELECT count(*)::int AS n FROM declarations WHERE " + PartitionDayQueries.among("partition_day", partitions) + " "
                        + "AND gate_code = $1 AND direction = $2 AND slot_start = $3 AND status = ANY($4)")
                .execute(Tuple.of(gate.code, direction.name(), slotStart,
                        DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** Places a firm holds on one gate-day: what its daily quota counts. */
    public static Uni<Integer> placesHeldByFirm(SqlConnection conn, LocalDate[] partitions, Gate gate, LocalDate day,
                                                String taxCode) {
        return conn.preparedQuery("SELECT count(*)::int AS n FROM declarations WHERE " + PartitionDayQueries.among("partition_day", partitions) + " "
                        + "AND gate_code = $1 AND slot_day = $2 AND tax_code = $3 AND status = ANY($4)")
                .execute(Tuple.of(gate.code, day, taxCode, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** The queue number the next booking of a gate-day and direction gets. */
    public static Uni<Integer> nextQueueNumber(SqlConnection conn, LocalDate[] partitions, Gate gate, LocalDate day,
                                               Direction direction) {
        return conn.preparedQuery("SELECT coalesce(max(queue_number), 0) + 1 AS next FROM declarations "
                        + "WHERE " + PartitionDayQueries.among("partition_day", partitions) + " AND gate_code = $1 AND slot_day = $2 AND direction = $3")
                .execute(Tuple.of(gate.code, day, direction.name()))
                .map(rows -> rows.iterator().next().getInteger("next"));
    }

    /** Gives up on a lock after {@code wait} in this transaction (SQLSTATE 55P03) instead of queueing on it. */
    public static Uni<Void> limitLockWait(SqlConnection conn, Duration wait) {
        // SET takes no bind parameters; the value is a number of milliseconds from configuration.
        return conn.query("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'").execute().replaceWithVoid();
    }
}
