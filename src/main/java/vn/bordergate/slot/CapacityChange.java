package vn.bordergate.slot;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.Transactions;
import vn.bordergate.common.Problems;
import vn.bordergate.common.Times;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.Lifecycle;
import vn.bordergate.gate.Gate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Sets the capacity of a range of slots. Raising opens places at once. Lowering below the bookings moves
 * the overflow (lowest priority first, then latest booked) into the next slots with room, keeping their
 * relative order. It all happens in one transaction holding the gate-days' locks exclusively, and the
 * Redis ledgers are reloaded from that transaction's own view, so no booking slips in between.
 */
@ApplicationScoped
public class CapacityChange {

    static final int MAX_CAPACITY = 10_000;
    static final int MAX_DAYS = 31;

    private final Transactions transactions;
    private final SlotSchedule schedule;
    private final LedgerRebuild rebuild;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Clock clock;

    public CapacityChange(SlotSchedule schedule, LedgerRebuild rebuild, DeclarationRepository declarations,
                          Lifecycle lifecycle, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.schedule = schedule;
        this.rebuild = rebuild;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public Uni<CapacityChangeResult> apply(Gate gate, CapacityRequest request, Actor actor) {
        List<Slot> changed = changedSlots(gate, request);
        LocalDate firstDay = changed.get(0).day();
        LocalDate lastDay = later(changed.get(changed.size() - 1).day(), schedule.lastBookableDay(gate));
        List<LocalDate> days = firstDay.datesUntil(lastDay.plusDays(1)).toList();
        String direction = request.direction().name();
        return transactions.run(conn -> lockDays(conn, gate, days)
                // Bookings fence on the epoch row, not on the advisory lock: hold the rows too, or a booking
                // admitted by the old ledger could commit after the count below and leave the slot over.
                .chain(() -> LedgerRebuild.fenceBookings(conn, gate.code, days))
                .chain(() -> setCapacity(conn, gate, direction, changed, request.capacityPerSlot()))
                .chain(() -> places(conn, gate, direction, days))
                .chain(places -> overflow(conn, gate, direction, changed, places)
                        .chain(over -> move(conn, gate, over, places, actor, request.capacityPerSlot())))
                .call(result -> Multi.createFrom().iterable(days)
                        .onItem().transformToUniAndConcatenate(day -> rebuild.reloadWithin(conn, gate, day))
                        .collect().asList())
                .map(result -> new CapacityChangeResult(changed.size(), result.moved(), result.unplaced())));
    }

    private List<Slot> changedSlots(Gate gate, CapacityRequest r) {
        if (r == null || r.direction() == null) {
            throw Problems.invalidField("direction", "is required (EXPORT or IMPORT)");
        }
        if (r.from() == null || r.to() == null || !r.from().isBefore(r.to())) {
            throw Problems.invalidField("to", "from and to are required, with from before to");
        }
        if (r.capacityPerSlot() == null || r.capacityPerSlot() < 0 || r.capacityPerSlot() > MAX_CAPACITY) {
            throw Problems.invalidField("capacityPerSlot", "must be between 0 and " + MAX_CAPACITY);
        }
        LocalDate first = r.from().atZoneSameInstant(gate.zone()).toLocalDate();
        LocalDate last = r.to().atZoneSameInstant(gate.zone()).toLocalDate();
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw Problems.invalidField("to", "a change may cover at most " + MAX_DAYS + " days");
        }
        List<Slot> slots = first.datesUntil(last.plusDays(1)).flatMap(day -> schedule.slotsOn(gate, day).stream())
                .filter(s -> !s.start().isBefore(r.from()) && s.start().isBefore(r.to()))
                .toList();
        if (slots.isEmpty()) {
            throw Problems.invalidField("from", "no slot of the gate starts between from and to");
        }
        return slots;
    }

    private Uni<Void> lockDays(SqlConnection conn, Gate gate, List<LocalDate> days) {
        // Always in date order, so two changes over overlapping days cannot deadlock.
        return Multi.createFrom().iterable(days)
                .onItem().transformToUniAndConcatenate(day -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                        .execute(Tuple.of(new LedgerKey(gate.code, day).lockName())))
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> setCapacity(SqlConnection conn, Gate gate, String direction, List<Slot> slots, int capacity) {
        List<Tuple> rows = slots.stream().map(s -> Tuple.of(gate.code, direction, s.start(), capacity)).toList();
        return conn.preparedQuery("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (gate_code, direction, slot_start) DO UPDATE SET capacity = EXCLUDED.capacity")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Capacity and places used of every slot of the days, in time order. */
    private Uni<Map<OffsetDateTime, int[]>> places(SqlConnection conn, Gate gate, String direction, List<LocalDate> days) {
        Map<OffsetDateTime, int[]> places = new java.util.TreeMap<>();
        days.forEach(day -> schedule.slotsOn(gate, day).forEach(s -> places.put(s.start(),
                new int[]{gate.defaultCapacity(vn.bordergate.declaration.Direction.valueOf(direction)), 0})));
        Tuple range = Tuple.of(gate.code, direction, days.get(0), days.get(days.size() - 1));
        return conn.preparedQuery("SELECT c.slot_start, c.capacity FROM slot_capacities c WHERE c.gate_code = $1 "
                        + "AND c.direction = $2 AND (c.slot_start AT TIME ZONE '" + gate.timeZone + "')::date BETWEEN $3 AND $4")
                .execute(range)
                .invoke(rows -> rows.forEach(r -> slot(places, r, gate)[0] = r.getInteger("capacity")))
                .chain(() -> conn.preparedQuery("SELECT slot_start, count(*)::int AS n FROM declarations WHERE gate_code = $1 "
                                + "AND direction = $2 AND slot_day BETWEEN $3 AND $4 AND status = ANY($5) GROUP BY 1")
                        .execute(Tuple.of(gate.code, direction, days.get(0), days.get(days.size() - 1),
                                DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE))))
                .invoke(rows -> rows.forEach(r -> slot(places, r, gate)[1] = r.getInteger("n")))
                .replaceWith(places);
    }

    private static int[] slot(Map<OffsetDateTime, int[]> places, Row row, Gate gate) {
        OffsetDateTime start = row.getOffsetDateTime("slot_start").atZoneSameInstant(gate.zone()).toOffsetDateTime();
        return places.computeIfAbsent(start, s -> new int[]{0, 0});
    }

    /** The bookings over the new capacity: lowest priority first, then latest booked; only BOOKED ones move. */
    private Uni<List<Declaration>> overflow(SqlConnection conn, Gate gate, String direction, List<Slot> changed,
                                           Map<OffsetDateTime, int[]> places) {
        List<Declaration> over = new ArrayList<>();
        return Multi.createFrom().iterable(changed)
                .filter(s -> places.get(s.start())[1] > places.get(s.start())[0])
                .onItem().transformToUniAndConcatenate(s -> conn.preparedQuery("SELECT id FROM declarations WHERE gate_code = $1 "
                                + "AND direction = $2 AND slot_start = $3 AND status = 'BOOKED' "
                                + "ORDER BY priority DESC, created_at DESC, id DESC LIMIT $4 FOR UPDATE")
                        .execute(Tuple.of(gate.code, direction, s.start(), places.get(s.start())[1] - places.get(s.start())[0]))
                        .chain(rows -> {
                            List<UUID> ids = new ArrayList<>();
                            rows.forEach(r -> ids.add(r.getUUID("id")));
                            return Multi.createFrom().iterable(ids)
                                    .onItem().transformToUniAndConcatenate(id -> declarations.find(conn, id))
                                    .collect().asList();
                        })
                        .invoke(over::addAll))
                .collect().asList()
                // Moved bookings keep their relative order: earlier slot, higher priority, earlier booked first.
                .map(ignored -> over.stream().sorted(Comparator.comparing((Declaration d) -> d.slot().start())
                        .thenComparing(Declaration::priority).thenComparing(Declaration::createdAt)).toList());
    }

    private record Moves(List<CapacityChangeResult.Moved> moved, List<CapacityChangeResult.Unplaced> unplaced) {
    }

    private Uni<Moves> move(SqlConnection conn, Gate gate, List<Declaration> over, Map<OffsetDateTime, int[]> places,
                            Actor actor, int capacity) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> trucksByDay = new HashSet<>();
        return trucksOnDays(conn, over).chain(busy -> {
            trucksByDay.addAll(busy);
            List<Uni<Object>> steps = new ArrayList<>();
            List<CapacityChangeResult.Moved> moved = new ArrayList<>();
            List<CapacityChangeResult.Unplaced> unplaced = new ArrayList<>();
            for (Declaration d : over) {
                OffsetDateTime target = new TreeSet<>(places.keySet()).tailSet(d.slot().start(), false).stream()
                        .filter(start -> start.isAfter(now) && places.get(start)[1] < places.get(start)[0])
                        .filter(start -> start.toLocalDate().equals(d.slot().day())
                                || !trucksByDay.contains(d.plateKey() + "@" + start.toLocalDate()))
                        .findFirst().orElse(null);
                if (target == null) {
                    unplaced.add(new CapacityChangeResult.Unplaced(d.id(), d.reference(), d.slot().start()));
                    continue;
                }
                places.get(d.slot().start())[1]--;
                places.get(target)[1]++;
                trucksByDay.add(d.plateKey() + "@" + target.toLocalDate());
                Slot to = schedule.find(gate, target).orElseThrow();
                moved.add(new CapacityChangeResult.Moved(d.id(), d.reference(), d.slot().start(), to.start()));
                steps.add(lifecycle.note(conn, d, "SLOT_MOVED", actor,
                                Map.of("from", Times.iso(d.slot().start()), "to", Times.iso(to.start()),
                                        "reason", "capacity of the slot lowered to " + capacity),
                                "slot_start = $4, slot_end = $5, slot_day = $6", to.start(), to.end(), to.day())
                        .replaceWith(new Object()));
            }
            return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                    .collect().asList().replaceWith(new Moves(moved, unplaced));
        });
    }

    /** "plate@day" of every active booking of the moving trucks, so no truck gets two bookings on a day. */
    private Uni<Set<String>> trucksOnDays(SqlConnection conn, List<Declaration> over) {
        if (over.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] plates = over.stream().map(Declaration::plateKey).distinct().toArray(String[]::new);
        return conn.preparedQuery("SELECT plate_key, slot_day FROM declarations WHERE plate_key = ANY($1) AND status = ANY($2)")
                .execute(Tuple.of(plates, DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK)))
                .map(rows -> {
                    Set<String> busy = new HashSet<>();
                    rows.forEach(r -> busy.add(r.getString("plate_key") + "@" + r.getLocalDate("slot_day")));
                    return busy;
                });
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
