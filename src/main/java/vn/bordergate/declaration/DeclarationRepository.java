package vn.bordergate.declaration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.persistence.GroupCommit;
import vn.bordergate.persistence.StaleReads;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.HeldPlaces;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.Slot;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Declarations in PostgreSQL, through the plain reactive client: the booking insert is the hot path, and
 * its epoch fence and advisory lock are plain SQL.
 */
@ApplicationScoped
public class DeclarationRepository implements HeldPlaces {

    static final String SELECT = "SELECT d.*, g.time_zone FROM declarations d JOIN gates g ON g.code = d.gate_code ";

    /**
     * The declaration whose id is $1. Naming the partition the id carries (V7__partitioned_by_day.sql) lets
     * PostgreSQL look in that one partition instead of probing every day's.
     */
    public static final String ID_IS_1 = "d.id = $1 AND d.partition_day = partition_day_of($1)";

    /** The primary key of declarations, as a duplicate-key error names it: each partition has its own. */
    static boolean isPrimaryKey(String constraint) {
        return constraint != null && constraint.startsWith("declarations_") && constraint.endsWith("_pkey");
    }

    // Inserts only while the ledger generation that admitted it is still current (see ledger_epochs).
    private static final String INSERT_FENCED = "INSERT INTO declarations (id, partition_day, reference, gate_code, "
            + "direction, slot_start, slot_end, slot_day, status, priority, queue_number, version, tax_code, plate_key, "
            + "driver_phone, vehicle, driver, cargo, created_by) "
            + "SELECT $1, partition_day_of($1), $2 || (SELECT lpad(n::text, greatest(6, length(n::text)), '0') "
            + "                  FROM nextval('declaration_reference_seq') n), "
            + "$3, $4, $5, $6, $7, 'BOOKED', $8, $9, 1, $10, $11, $12, $13, $14, $15, $16 "
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
            + "created_by, last_event_hash) "
            + "SELECT $1, partition_day_of($1), $2 || (SELECT lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('declaration_reference_seq') n), "
            + "$3, $4, $5, $6, $7, 'BOOKED', $8, $9, 1, $10, $11, $12, $13, $14, $15, $16, $23 FROM fence WHERE fence.epoch = $17 "
            + "RETURNING id, reference, created_at, updated_at), "
            + "ev AS (INSERT INTO declaration_events (declaration_id, partition_day, type, from_status, to_status, actor, "
            + "actor_role, gate_code, reason, details, occurred_at, prev_hash, hash) "
            + "SELECT ins.id, partition_day_of($1), 'DECLARED', NULL, 'BOOKED', $18, $19, $3, NULL, $20, "
            + "$21, $22, $23 FROM ins RETURNING id), "
            + "idem AS (INSERT INTO idempotency_keys (owner, key, request_hash, status, declaration_id) "
            + "SELECT $24, $25, $26, 201, ins.id FROM ins) "
            + "SELECT ins.reference, ins.created_at, ins.updated_at, (SELECT id FROM ev) AS event_id FROM ins";

    private static final String UPDATE_PARTS = "UPDATE declarations SET slot_start = $2, slot_end = $3, "
            + "slot_day = $4, queue_number = $5, plate_key = $6, driver_phone = $7, vehicle = $8, driver = $9, "
            + "cargo = $10, priority = $11, version = version + 1, updated_at = now() "
            + "WHERE id = $1 AND partition_day = partition_day_of($1) AND version = $12 AND status = 'BOOKED' AND ($13::text IS NULL OR EXISTS "
            + "(SELECT 1 FROM ledger_epochs e WHERE e.gate_code = declarations.gate_code AND e.day = $4 AND e.epoch = $13)) "
            + "RETURNING version, updated_at";

    private final Pool pool;
    // Listings may be a second behind: they read from the replica when there is one.
    private final StaleReads reads;
    private final ObjectMapper json;
    // Bookings written together when they queue (null: each alone).
    private final GroupCommit bookings;

    public DeclarationRepository(Pool pool, StaleReads reads, ObjectMapper json, AdmissionConfig config) {
        this.pool = pool;
        this.reads = reads;
        this.json = json;
        this.bookings = config.bookingWriters() > 0
                ? new GroupCommit(pool, BOOK, config.bookingWriteBatch(), config.bookingWriters()) : null;
    }

    /** Holds the gate-day lock shared for the rest of the transaction: many bookings, no rebuild meanwhile. */
    public Uni<Void> lockGateDayShared(SqlConnection conn, LedgerKey key) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock_shared(hashtext($1))")
                .execute(Tuple.of(key.lockName())).replaceWithVoid();
    }

    /** Inserts a new BOOKED declaration; null when the admitting ledger epoch is no longer current. */
    public Uni<Declaration> insertFenced(SqlConnection conn, Declaration d, String referencePrefix, String epoch) {
        Tuple values = Tuple.from(Arrays.asList(d.id(), referencePrefix, d.gateCode(), d.direction().name(),
                d.slot().start(), d.slot().end(), d.slot().day(), d.priority().name(), d.queueNumber(), d.taxCode(),
                d.plateKey(), d.driverPhone(), toJson(d.vehicle()), toJson(d.driver()), toJson(d.cargo()),
                d.createdBy(), epoch));
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
    long[] groupedBookingWrites() {
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
                d.plateKey(), d.driverPhone(), toJson(d.vehicle()), toJson(d.driver()), toJson(d.cargo()),
                d.createdBy(), epoch, first.actor(), first.actorRole(), first.details(), first.occurredAt(),
                first.previousHash(), first.hash(), idempotency.owner(), idempotency.key(), idempotency.requestHash()));
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

    /** Writes amended parts and slot if still at {@code expectedVersion}; null when nothing matched. */
    public Uni<Declaration> updateParts(SqlConnection conn, Declaration d, int expectedVersion, String fenceEpoch) {
        Tuple values = Tuple.from(Arrays.asList(d.id(), d.slot().start(), d.slot().end(), d.slot().day(),
                d.queueNumber(), d.plateKey(), d.driverPhone(), toJson(d.vehicle()), toJson(d.driver()),
                toJson(d.cargo()), d.priority().name(), expectedVersion, fenceEpoch));
        return conn.preparedQuery(UPDATE_PARTS).execute(values).map(rows -> rows.rowCount() == 0 ? null
                : d.stored(d.reference(), rows.iterator().next().getInteger("version"), d.status(), d.createdAt(),
                rows.iterator().next().getOffsetDateTime("updated_at")));
    }

    /** Reads the declaration and locks its row until the transaction ends: changes to it queue up. */
    public Uni<Declaration> lock(SqlConnection conn, UUID id) {
        return conn.preparedQuery(SELECT + "WHERE " + ID_IS_1 + " FOR UPDATE OF d").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : toDeclaration(rows.iterator().next()));
    }

    public Uni<Declaration> find(UUID id) {
        return find(pool, id);
    }

    public Uni<Declaration> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT + "WHERE " + ID_IS_1).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : toDeclaration(rows.iterator().next()));
    }

    /** What a listing asks for: what the caller may see, narrowed by the optional filters. */
    record Listing(Access.Visible visible, String gate, DeclarationStatus status, LocalDate day,
                   DeclarationListing.Cursor after) {
    }

    /** One page of the listing, oldest first, at most {@code limit} rows. */
    Uni<List<Declaration>> page(Listing listing, int limit) {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Access.Visible visible = listing.visible();
        equal(where, params, "d.tax_code", visible.taxCode());
        equal(where, params, "d.driver_phone", visible.driverPhone());
        if (visible.gates() != null) {
            params.add(visible.gates().toArray(String[]::new));
            where.add("d.gate_code = ANY($" + params.size() + ")");
        }
        equal(where, params, "d.gate_code", listing.gate());
        equal(where, params, "d.status", listing.status() == null ? null : listing.status().name());
        equal(where, params, "d.slot_day", listing.day());
        if (listing.after() != null) {
            params.add(listing.after().createdAt());
            params.add(listing.after().id());
            where.add("(d.created_at, d.id) > ($" + (params.size() - 1) + ", $" + params.size() + ")");
        }
        params.add(limit);
        String sql = SELECT + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where))
                + " ORDER BY d.created_at, d.id LIMIT $" + params.size();
        return reads.read(pool -> pool.preparedQuery(sql).execute(Tuple.from(params))).map(this::declarations);
    }

    /** Adds {@code column = $n} for a filter that was given. */
    private static void equal(List<String> where, List<Object> params, String column, Object value) {
        if (value != null) {
            params.add(value);
            where.add(column + " = $" + params.size());
        }
    }

    /**
     * Moves a declaration still in {@code current}'s status (and at {@code expectedVersion} if given) to
     * {@code to}, writing what {@code stamp} records; null when the row was not in that state any more.
     */
    public Uni<Declaration> transition(SqlConnection conn, Declaration current, DeclarationStatus to, Stamp stamp,
                                       Integer expectedVersion) {
        List<Object> params = new ArrayList<>(List.of(current.id(), current.status().name(), to.name()));
        params.addAll(stamp.values());
        String where = "id = $1 AND partition_day = partition_day_of($1) AND status = $2";
        if (expectedVersion != null) {
            params.add(expectedVersion);
            where += " AND version = $" + params.size();
        }
        String sql = "WITH u AS (UPDATE declarations SET status = $3, version = version + 1, updated_at = now()"
                + stampColumns(stamp.kind()) + " WHERE " + where + " RETURNING *) "
                + "SELECT u.*, g.time_zone FROM u JOIN gates g ON g.code = u.gate_code";
        return conn.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> rows.rowCount() == 0 ? null : toDeclaration(rows.iterator().next()));
    }

    /** The columns each stamp sets; its values are bound from $4 on, in the order {@link Stamp} lists them. */
    private static String stampColumns(Stamp.Kind kind) {
        return switch (kind) {
            case NOTHING -> "";
            case CHECKED_IN -> ", checked_in_at = $4";
            case CALLED -> ", called_at = $4, call_deadline = $5";
            case BACK_TO_QUEUE -> ", missed_calls = 1, yard_round = 1, called_at = NULL, call_deadline = NULL";
            case NO_SHOW -> ", missed_calls = 2, call_deadline = NULL";
            case ARRIVED -> ", arrived_at = coalesce(arrived_at, $4)";
            case RELEASED -> ", released_at = $4";
            case EXITED -> ", exited_at = $4";
            case MOVED_TO -> ", slot_start = $4, slot_end = $5, slot_day = $6";
        };
    }

    /** Places held per slot start (in the gate's zone) of one direction over the days {@code first..last}. */
    public Uni<Map<OffsetDateTime, Integer>> placesHeld(SqlConnection conn, Gate gate, Direction direction,
                                                        LocalDate first, LocalDate last) {
        return conn.preparedQuery("SELECT slot_start, count(*)::int AS n FROM declarations WHERE gate_code = $1 "
                        + "AND direction = $2 AND slot_day BETWEEN $3 AND $4 AND status = ANY($5) GROUP BY 1")
                .execute(Tuple.of(gate.code, direction.name(), first, last,
                        DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> {
                    Map<OffsetDateTime, Integer> held = new HashMap<>();
                    rows.forEach(r -> held.put(inZone(r.getOffsetDateTime("slot_start"), gate.zone()), r.getInteger("n")));
                    return held;
                });
    }

    /**
     * Locks the {@code count} BOOKED declarations of a slot that a capacity cut moves out first: lowest
     * priority, then latest booked.
     */
    public Uni<List<Declaration>> lockFirstToMove(SqlConnection conn, Gate gate, Direction direction,
                                                  OffsetDateTime slotStart, int count) {
        return conn.preparedQuery(SELECT + "WHERE d.gate_code = $1 AND d.direction = $2 AND d.slot_start = $3 "
                        + "AND d.status = 'BOOKED' ORDER BY d.priority DESC, d.created_at DESC, d.id DESC LIMIT $4 FOR UPDATE OF d")
                .execute(Tuple.of(gate.code, direction.name(), slotStart, count))
                .map(this::declarations);
    }

    /**
     * Locks the BOOKED declarations of a gate whose slot overlaps [from, to): what a closure of the gate
     * must move or cancel. Highest priority first, then slot, then first booked: the first to be placed.
     */
    public Uni<List<Declaration>> lockBookedDuring(SqlConnection conn, Gate gate, OffsetDateTime from, OffsetDateTime to) {
        return conn.preparedQuery(SELECT + "WHERE d.gate_code = $1 AND d.status = 'BOOKED' AND d.slot_start < $3 "
                        + "AND d.slot_end > $2 ORDER BY d.priority, d.slot_start, d.created_at, d.id FOR UPDATE OF d")
                .execute(Tuple.of(gate.code, from, to))
                .map(this::declarations);
    }

    /** The days on which each of these trucks (plate keys) holds a booking. */
    public Uni<Map<String, Set<LocalDate>>> bookedDaysOfTrucks(SqlConnection conn, Collection<String> plateKeys) {
        return conn.preparedQuery("SELECT plate_key, slot_day FROM declarations WHERE plate_key = ANY($1) AND status = ANY($2)")
                .execute(Tuple.of(plateKeys.toArray(String[]::new), DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK)))
                .map(rows -> {
                    Map<String, Set<LocalDate>> days = new HashMap<>();
                    rows.forEach(r -> days.computeIfAbsent(r.getString("plate_key"), k -> new HashSet<>())
                            .add(r.getLocalDate("slot_day")));
                    return days;
                });
    }

    @Override
    public Uni<GateDay> count(SqlConnection conn, Gate gate, LocalDate day) {
        ZoneId zone = gate.zone();
        Map<String, Long> perSlot = new HashMap<>();
        Map<String, Long> perFirm = new HashMap<>();
        Map<String, String> bookingOfTruck = new HashMap<>();
        Map<String, Integer> lastQueueNumber = new HashMap<>();
        Tuple gateDay = Tuple.of(gate.code, day);
        Tuple holdingPlace = Tuple.of(gate.code, day, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE));
        return conn.preparedQuery("SELECT direction, slot_start, count(*) AS n FROM declarations "
                        + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3) GROUP BY 1, 2")
                .execute(holdingPlace)
                .invoke(rows -> rows.forEach(r -> perSlot.put(slotField(r, zone), r.getLong("n"))))
                .chain(() -> conn.preparedQuery("SELECT tax_code, count(*) AS n FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3) GROUP BY 1")
                        .execute(holdingPlace)
                        .invoke(rows -> rows.forEach(r -> perFirm.put(r.getString("tax_code"), r.getLong("n")))))
                .chain(() -> conn.preparedQuery("SELECT plate_key, id FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3)")
                        .execute(Tuple.of(gate.code, day, DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK)))
                        .invoke(rows -> rows.forEach(r -> bookingOfTruck.put(r.getString("plate_key"), r.getUUID("id").toString()))))
                .chain(() -> conn.preparedQuery("SELECT direction, max(queue_number) AS n FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 GROUP BY 1")
                        .execute(gateDay)
                        .invoke(rows -> rows.forEach(r -> lastQueueNumber.put(r.getString("direction"), r.getInteger("n")))))
                .map(ignored -> new GateDay(perSlot, perFirm, bookingOfTruck, lastQueueNumber));
    }

    @Override
    public Uni<Map<LedgerKey, Map<String, Integer>>> perSlot(LocalDate first, LocalDate last) {
        // The slot field is formed in SQL (gate's local HHMM) so one grouped query covers every gate.
        return pool.preparedQuery("SELECT d.gate_code, d.slot_day, d.direction, "
                        + "to_char(d.slot_start AT TIME ZONE g.time_zone, 'HH24MI') AS hhmm, count(*)::int AS n "
                        + "FROM declarations d JOIN gates g ON g.code = d.gate_code WHERE d.slot_day BETWEEN $1 AND $2 "
                        + "AND d.status = ANY($3) GROUP BY 1, 2, 3, 4")
                .execute(Tuple.of(first, last, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> {
                    Map<LedgerKey, Map<String, Integer>> places = new HashMap<>();
                    rows.forEach(r -> places.computeIfAbsent(new LedgerKey(r.getString("gate_code"), r.getLocalDate("slot_day")),
                            k -> new HashMap<>()).put(r.getString("direction") + ":" + r.getString("hhmm"), r.getInteger("n")));
                    return places;
                });
    }

    /** Places held in one slot, counted on the fallback booking's connection (it holds the gate-day lock). */
    static Uni<Integer> placesHeldIn(SqlConnection conn, Gate gate, Direction direction, OffsetDateTime slotStart) {
        return conn.preparedQuery("SELECT count(*)::int AS n FROM declarations WHERE gate_code = $1 AND direction = $2 "
                        + "AND slot_start = $3 AND status = ANY($4)")
                .execute(Tuple.of(gate.code, direction.name(), slotStart, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** Places a firm holds on one gate-day: what its daily quota counts. */
    static Uni<Integer> placesHeldByFirm(SqlConnection conn, Gate gate, LocalDate day, String taxCode) {
        return conn.preparedQuery("SELECT count(*)::int AS n FROM declarations WHERE gate_code = $1 AND slot_day = $2 "
                        + "AND tax_code = $3 AND status = ANY($4)")
                .execute(Tuple.of(gate.code, day, taxCode, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** The queue number the next booking of a gate-day and direction gets. */
    static Uni<Integer> nextQueueNumber(SqlConnection conn, Gate gate, LocalDate day, Direction direction) {
        return conn.preparedQuery("SELECT coalesce(max(queue_number), 0) + 1 AS next FROM declarations "
                        + "WHERE gate_code = $1 AND slot_day = $2 AND direction = $3")
                .execute(Tuple.of(gate.code, day, direction.name()))
                .map(rows -> rows.iterator().next().getInteger("next"));
    }

    /** Gives up on a lock after {@code wait} in this transaction (SQLSTATE 55P03) instead of queueing on it. */
    static Uni<Void> limitLockWait(SqlConnection conn, Duration wait) {
        // SET takes no bind parameters; the value is a number of milliseconds from configuration.
        return conn.query("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'").execute().replaceWithVoid();
    }

    private List<Declaration> declarations(RowSet<Row> rows) {
        List<Declaration> list = new ArrayList<>();
        rows.forEach(row -> list.add(toDeclaration(row)));
        return list;
    }

    Declaration toDeclaration(Row row) {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        Slot slot = new Slot(inZone(row.getOffsetDateTime("slot_start"), zone), inZone(row.getOffsetDateTime("slot_end"), zone));
        return new Declaration(row.getUUID("id"), row.getString("reference"), row.getString("gate_code"),
                Direction.valueOf(row.getString("direction")), slot, DeclarationStatus.valueOf(row.getString("status")),
                Priority.valueOf(row.getString("priority")), row.getInteger("queue_number"), row.getInteger("version"),
                row.getString("tax_code"), row.getString("plate_key"), row.getString("driver_phone"),
                fromJson(row.getJsonObject("vehicle"), Vehicle.class), fromJson(row.getJsonObject("driver"), Driver.class),
                fromJson(row.getJsonObject("cargo"), Cargo.class), row.getString("created_by"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private static OffsetDateTime inZone(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).toOffsetDateTime();
    }

    @SuppressWarnings("unchecked")
    private JsonObject toJson(Object part) {
        return new JsonObject(json.convertValue(part, Map.class));
    }

    private <T> T fromJson(JsonObject value, Class<T> type) {
        return json.convertValue(value.getMap(), type);
    }

    private static String slotField(Row row, ZoneId zone) {
        OffsetDateTime start = row.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime();
        return LedgerKey.slotField(Direction.valueOf(row.getString("direction")), new Slot(start, start));
    }
}
