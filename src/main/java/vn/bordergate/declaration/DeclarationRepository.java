package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.idempotency.DeclarationIds;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.persistence.StaleReads;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.List;
import java.util.UUID;

/**
 * A declaration's own row: found, locked, listed, moved through its lifecycle, amended. The other
 * statements on {@code declarations} live with their purpose: the booking write with admission
 * ({@code admission.BookingStatements}), the ledger's counts in {@link HeldPlaceQueries}, re-slotting's reads in
 * {@link ReslottingStatements}.
 */
@ApplicationScoped
public class DeclarationRepository {

    public static final String SELECT = "SELECT d.*, g.time_zone FROM declarations d JOIN gates g ON g.code = d.gate_code ";

    /**
     * The declaration whose id is $1. Naming the partition the id carries (V7__partitioned_by_day.sql) lets
     * PostgreSQL look in that one partition instead of probing every day's.
     */
    public static final String ID_IS_1 = "d.id = $1 AND d.partition_day = partition_day_of($1)";


    private static final String UPDATE_PARTS = "UPDATE declarations SET slot_start = $2, slot_end = $3, "
            + "slot_day = $4, queue_number = $5, plate_key = $6, driver_phone = $7, vehicle = $8, driver = $9, "
            + "cargo = $10, priority = $11, fee_payer = $14, version = version + 1, updated_at = now() "
            + "WHERE id = $1 AND partition_day = partition_day_of($1) AND version = $12 AND status = 'BOOKED' AND ($13::text IS NULL OR EXISTS "
            + "(SELECT 1 FROM ledger_epochs e WHERE e.gate_code = declarations.gate_code AND e.day = $4 AND e.epoch = $13)) "
            + "RETURNING version, updated_at";

    private final Pool pool;
    // Listings may be a second behind: they read from the replica when there is one.
    private final StaleReads reads;
    private final DeclarationRows rows;
    private final PartitionDayQueries partitions;
    private final ArchivedDeclarationQueries archive;

    public DeclarationRepository(Pool pool, StaleReads reads, DeclarationRows rows, PartitionDayQueries partitions,
                                 ArchivedDeclarationQueries archive) {
        this.pool = pool;
        this.partitions = partitions;
        this.archive = archive;
        this.reads = reads;
        this.rows = rows;
    }

    /** Writes amended parts and slot if still at {@code expectedVersion}; null when nothing matched. */
    public Uni<Declaration> updateParts(SqlConnection conn, Declaration d, int expectedVersion, String fenceEpoch) {
        Tuple values = Tuple.from(Arrays.asList(d.id(), d.slot().start(), d.slot().end(), d.slot().day(),
                d.queueNumber(), d.plateKey(), d.driverPhone(), rows.toJson(d.vehicle()), rows.toJson(d.driver()),
                rows.toJson(d.cargo()), d.priority().name(), expectedVersion, fenceEpoch, rows.toJsonOrNull(d.feePayer())));
        return conn.preparedQuery(UPDATE_PARTS).execute(values).map(updated -> updated.rowCount() == 0 ? null
                : d.stored(d.reference(), updated.iterator().next().getInteger("version"), d.status(), d.createdAt(),
                updated.iterator().next().getOffsetDateTime("updated_at")));
    }

    /** Reads the declaration and locks its row until the transaction ends: changes to it queue up. */
    public Uni<Declaration> lock(SqlConnection conn, UUID id) {
        return conn.preparedQuery(SELECT + "WHERE " + ID_IS_1 + " FOR UPDATE OF d").execute(Tuple.of(id))
                .map(found -> found.rowCount() == 0 ? null : rows.toDeclaration(found.iterator().next()));
    }

    public Uni<Declaration> find(UUID id) {
        return find(pool, id);
    }

    public Uni<Declaration> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT + "WHERE " + ID_IS_1).execute(Tuple.of(id))
                .map(found -> found.rowCount() == 0 ? null : rows.toDeclaration(found.iterator().next()));
    }

    /** What a listing asks for: what the caller may see, narrowed by the optional filters. */
    public record Listing(Access.Visible visible, String gate, DeclarationStatus status, LocalDate day,
                   DeclarationListing.Cursor after) {

        Listing after(Declaration last) {
            return new Listing(visible, gate, status, day, new DeclarationListing.Cursor(last.createdAt(), last.id()));
        }
    }

    /** The declarations of some gates' slot days, and whether every booking day holding them was online. */
    public record SlotDays(List<Declaration> declarations, boolean complete) {
    }

    /**
     * Every declaration at {@code gates} whose slot lies on a day from {@code first} to {@code last}, read from the
     * online booking days that hold those slot days (the fee reports); an archived booking day is not read, and
     * the answer says so.
     */
    public Uni<SlotDays> onSlotDays(List<String> gates, LocalDate first, LocalDate last) {
        return PartitionDayQueries.holding(pool, first, last).chain(days -> partitions.online().chain(online -> {
            Set<LocalDate> attached = Set.copyOf(online);
            LocalDate[] read = Arrays.stream(days).filter(attached::contains).toArray(LocalDate[]::new);
            boolean complete = read.length == days.length;
            if (read.length == 0 || gates.isEmpty()) {
                return Uni.createFrom().item(new SlotDays(List.of(), complete));
            }
            String sql = SELECT + "WHERE " + PartitionDayQueries.among("d.partition_day", read)
                    + " AND d.slot_day BETWEEN $1 AND $2 AND d.gate_code = ANY($3)";
            return reads.read(pool -> pool.preparedQuery(sql).execute(Tuple.of(first, last, gates.toArray(String[]::new))))
                    .map(found -> new SlotDays(rows.declarations(found), complete));
        }));
    }

    /** The listing's order: booking day (carried in the id), creation, id. */
    private static final Comparator<Declaration> KEYSET = Comparator
            .comparing((Declaration d) -> DeclarationIds.partitionDay(d.id()))
            .thenComparing(Declaration::createdAt).thenComparing(Declaration::id);

    /** The most booking days one listing statement reads: about two weeks, a little over a hundred locks. */
    static final int MAX_WINDOW = 16;

    /**
     * One page of the listing, at most {@code limit} rows in keyset order: booking day, then creation, then id.
     * A listing of one slot day reads the booking days that hold it; any other walks the online booking days
     * from the cursor's in growing windows (1, 2, 4 ... {@link #MAX_WINDOW} days) until the page is full, so
     * each statement plans a few partitions and a page never sorts more than its window.
     */
    public Uni<List<Declaration>> page(Listing listing, int limit) {
        if (listing.day() != null) {
            return PartitionDayQueries.holding(pool, listing.day(), listing.day())
                    .chain(days -> partitions.online().chain(online -> dated(listing, days, Set.copyOf(online), limit)));
        }
        LocalDate from = listing.after() == null ? LocalDate.MIN : DeclarationIds.partitionDay(listing.after().id());
        return partitions.online().chain(online -> walk(listing,
                online.stream().filter(day -> !day.isBefore(from)).toList(), 1, limit, new ArrayList<>()));
    }

    /**
     * One page of a slot day's listing from the booking days that hold it: the online ones from their
     * partitions, the archived ones from the archive's tables (within its own read limit), merged in keyset order.
     */
    private Uni<List<Declaration>> dated(Listing listing, LocalDate[] days, Set<LocalDate> online, int limit) {
        List<LocalDate> attached = Arrays.stream(days).filter(online::contains).sorted().toList();
        List<LocalDate> archived = Arrays.stream(days).filter(day -> !online.contains(day)).sorted().toList();
        Uni<List<Declaration>> recent = attached.isEmpty() ? Uni.createFrom().item(List.of())
                : pageWithin(listing, attached, limit);
        if (archived.isEmpty()) {
            return recent;
        }
        return archive.page(filter(listing), archived, limit).chain(old -> recent.map(fresh -> {
            List<Declaration> merged = new ArrayList<>(old);
            merged.addAll(fresh);
            merged.sort(KEYSET);
            return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
        }));
    }

    /** Fills {@code found} from the days ahead, window by window; each window doubles until {@link #MAX_WINDOW}. */
    private Uni<List<Declaration>> walk(Listing listing, List<LocalDate> ahead, int window, int limit, List<Declaration> found) {
        if (ahead.isEmpty() || found.size() >= limit) {
            return Uni.createFrom().item(found);
        }
        int size = Math.min(window, ahead.size());
        Listing next = found.isEmpty() ? listing : listing.after(found.get(found.size() - 1));
        return pageWithin(next, ahead.subList(0, size), limit - found.size()).chain(rows -> {
            found.addAll(rows);
            return walk(listing, ahead.subList(size, ahead.size()), Math.min(MAX_WINDOW, window * 2), limit, found);
        });
    }

    /** The rows of the listing in these booking days, in keyset order. */
    private Uni<List<Declaration>> pageWithin(Listing listing, List<LocalDate> days, int limit) {
        Filter filter = filter(listing);
        filter.where().addFirst(PartitionDayQueries.among("d.partition_day", days.toArray(LocalDate[]::new)));
        filter.params().add(limit);
        String sql = SELECT + "WHERE " + String.join(" AND ", filter.where())
                + " ORDER BY d.partition_day, d.created_at, d.id LIMIT $" + filter.params().size();
        return reads.read(pool -> pool.preparedQuery(sql).execute(Tuple.from(filter.params()))).map(rows::declarations);
    }

    /** A listing's conditions on a row aliased {@code d}, with their parameters; the booking days are added by the caller. */
    record Filter(List<String> where, List<Object> params) {
    }

    static Filter filter(Listing listing) {
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
            params.add(DeclarationIds.partitionDay(listing.after().id()));
            params.add(listing.after().createdAt());
            params.add(listing.after().id());
            int n = params.size();
            where.add("(d.partition_day, d.created_at, d.id) > ($" + (n - 2) + ", $" + (n - 1) + ", $" + n + ")");
        }
        return new Filter(where, params);
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
                .map(found -> found.rowCount() == 0 ? null : rows.toDeclaration(found.iterator().next()));
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
}
