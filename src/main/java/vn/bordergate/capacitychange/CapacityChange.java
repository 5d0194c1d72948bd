package vn.bordergate.capacitychange;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.ReslottingStatements;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.onboarding.GateChangeRepository;
import io.vertx.core.json.JsonObject;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sets the capacity of a range of slots. Raising opens places at once. Lowering below the bookings moves
 * the overflow (lowest priority first, then latest booked) into the next slots with room, keeping their
 * relative order. It all happens in one transaction holding the gate-days' locks exclusively, and the
 * Redis ledgers are reloaded from that transaction's own view, so no booking slips in between.
 */
@ApplicationScoped
class CapacityChange {

    static final int MAX_CAPACITY = 10_000;
    static final int MAX_DAYS = 31;

    private final Transactions transactions;
    private final SlotSchedule schedule;
    private final LedgerRebuild rebuild;
    private final ReslottingStatements declarations;
    private final Lifecycle lifecycle;
    private final Clock clock;

    public CapacityChange(SlotSchedule schedule, LedgerRebuild rebuild, ReslottingStatements declarations,
                          Lifecycle lifecycle, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.schedule = schedule;
        this.rebuild = rebuild;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public Uni<CapacityChangeResult> apply(Gate gate, CapacityRequest request, Actor actor) {
        return transactions.run(conn -> change(conn, gate, request, actor, false));
    }

    /**
     * What {@link #apply} would do now, worked out the same way in a transaction that is rolled back: the
     * supervisor's preview of which bookings would move. Nothing is written, moved or announced.
     */
    public Uni<CapacityChangeResult> preview(Gate gate, CapacityRequest request, Actor actor) {
        return transactions.rehearse(conn -> change(conn, gate, request, actor, true));
    }

    private Uni<CapacityChangeResult> change(SqlConnection conn, Gate gate, CapacityRequest request, Actor actor,
                                             boolean rehearsal) {
        List<Slot> changed = changedSlots(gate, request);
        LocalDate firstDay = changed.get(0).day();
        LocalDate lastDay = later(changed.get(changed.size() - 1).day(), schedule.lastBookableDay(gate));
        List<LocalDate> days = firstDay.datesUntil(lastDay.plusDays(1)).toList();
        Direction direction = request.direction();
        Map<OffsetDateTime, Integer> capacitiesBefore = new java.util.HashMap<>();
        return SlotStatements.lockGateDays(conn, gate.code, days)
                // Bookings fence on the epoch row, not on the advisory lock: hold the rows too, or a booking
                // admitted by the old ledger could commit after the count below and leave the slot over.
                .chain(() -> SlotStatements.fenceBookings(conn, gate.code, days))
                .chain(() -> SlotStatements.capacities(conn, gate, direction, changed.get(0).day(),
                        changed.get(changed.size() - 1).day()))
                .invoke(before -> capacitiesBefore.putAll(before))
                .chain(() -> SlotStatements.setCapacity(conn, gate, direction, changed, request.capacityPerSlot()))
                .chain(() -> loads(conn, gate, direction, days))
                .chain(loads -> overflow(conn, gate, direction, changed, loads)
                        .chain(over -> move(conn, gate, over, loads, actor, request.capacityPerSlot(), rehearsal)))
                .call(result -> rehearsal ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(days)
                        .onItem().transformToUniAndConcatenate(day -> rebuild.reloadWithin(conn, gate, day))
                        .collect().asList())
                .call(result -> rehearsal ? Uni.createFrom().voidItem() : GateChangeRepository.record(conn, gate.code, "CAPACITY_SET", actor.subject(), actor.role(),
                        audited(gate, direction, changed, capacitiesBefore),
                        JsonObject.of("direction", direction.name(), "from", Times.iso(changed.get(0).start()),
                                "to", Times.iso(changed.get(changed.size() - 1).end()), "capacityPerSlot",
                                request.capacityPerSlot(), "moved", result.moved().size(), "unplaced", result.unplaced().size())))
                .map(result -> new CapacityChangeResult(changed.size(), result.moved(), result.unplaced()));
    }

    /** Each changed slot's capacity before the change, for the gate's audit. */
    private static JsonObject audited(Gate gate, Direction direction, List<Slot> changed, Map<OffsetDateTime, Integer> set) {
        JsonObject perSlot = new JsonObject();
        changed.forEach(slot -> perSlot.put(Times.iso(slot.start()), set.getOrDefault(slot.start(), gate.defaultCapacity(direction))));
        return JsonObject.of("direction", direction.name(), "capacityPerSlot", perSlot);
    }

    private List<Slot> changedSlots(Gate gate, CapacityRequest r) {
        if (r == null || r.direction() == null) {
            throw Problems.invalidField("direction", "is required (EXPORT or IMPORT)");
        }
        List<FieldError> outOfRange = new ArrayList<>();
        Times.outOfRange("from", r.from()).ifPresent(outOfRange::add);
        Times.outOfRange("to", r.to()).ifPresent(outOfRange::add);
        if (!outOfRange.isEmpty()) {
            throw Problems.validation(outOfRange);
        }
        if (r.from() == null || r.to() == null || !r.from().isBefore(r.to())) {
            throw Problems.invalidField("to", "from and to are required, with from before to");
        }
        if (r.capacityPerSlot() == null || r.capacityPerSlot() < 0 || r.capacityPerSlot() > MAX_CAPACITY) {
            throw Problems.invalidField("capacityPerSlot", "must be between 0 and " + MAX_CAPACITY);
        }
        // Only days with a ledger: today to the day that opens next, so its capacity can be set before its
        // opening stampede. Past slots hold no booking to protect; later days would be locked and loaded for nothing.
        OffsetDateTime earliest = schedule.today(gate).atStartOfDay(gate.zone()).toOffsetDateTime();
        OffsetDateTime latest = schedule.nextToOpen(gate).plusDays(1).atStartOfDay(gate.zone()).toOffsetDateTime();
        String range = "a change covers " + Times.iso(earliest) + " (the start of the gate's today) to "
                + Times.iso(latest) + " (the end of the day that opens next for booking)";
        if (r.from().isBefore(earliest)) {
            throw Problems.invalidField("from", "must be on or after " + Times.iso(earliest) + ": " + range);
        }
        if (r.to().isAfter(latest)) {
            throw Problems.invalidField("to", "must be at most " + Times.iso(latest) + ": " + range);
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

    /** Capacity and places held of one slot while the change is worked out. */
    private static final class SlotLoad {
        int capacity;
        int held;

        SlotLoad(int capacity, int held) {
            this.capacity = capacity;
            this.held = held;
        }

        int over() {
            return held - capacity;
        }

        boolean hasRoom() {
            return held < capacity;
        }
    }

    /** Capacity and places held of every slot of the days, in time order. */
    private Uni<NavigableMap<OffsetDateTime, SlotLoad>> loads(SqlConnection conn, Gate gate, Direction direction,
                                                             List<LocalDate> days) {
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        return SlotStatements.capacities(conn, gate, direction, first, last)
                .chain(capacities -> declarations.placesHeld(conn, gate, direction, first, last).map(held -> {
                    NavigableMap<OffsetDateTime, SlotLoad> loads = new TreeMap<>();
                    days.forEach(day -> schedule.slotsOn(gate, day).forEach(s -> loads.put(s.start(),
                            new SlotLoad(gate.defaultCapacity(direction), 0))));
                    capacities.forEach((start, capacity) -> loads.computeIfAbsent(start, s -> new SlotLoad(0, 0)).capacity = capacity);
                    held.forEach((start, n) -> loads.computeIfAbsent(start, s -> new SlotLoad(0, 0)).held = n);
                    return loads;
                }));
    }

    /** The bookings over the new capacity: lowest priority first, then latest booked; only BOOKED ones move. */
    private Uni<List<Declaration>> overflow(SqlConnection conn, Gate gate, Direction direction, List<Slot> changed,
                                           Map<OffsetDateTime, SlotLoad> loads) {
        return Multi.createFrom().iterable(changed)
                .filter(s -> loads.get(s.start()).over() > 0)
                .onItem().transformToUniAndConcatenate(s -> declarations.lockFirstToMove(conn, gate, direction,
                        s.start(), loads.get(s.start()).over()))
                .collect().asList()
                // Moved bookings keep their relative order: earlier slot, higher priority, earlier booked first.
                .map(perSlot -> perSlot.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing((Declaration d) -> d.slot().start())
                                .thenComparing(Declaration::priority).thenComparing(Declaration::createdAt))
                        .toList());
    }

    private record Moves(List<CapacityChangeResult.Moved> moved, List<CapacityChangeResult.Unplaced> unplaced) {
    }

    private Uni<Moves> move(SqlConnection conn, Gate gate, List<Declaration> over, NavigableMap<OffsetDateTime, SlotLoad> loads,
                            Actor actor, int capacity, boolean rehearsal) {
        if (over.isEmpty()) {
            return Uni.createFrom().item(new Moves(List.of(), List.of()));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate lastBookable = schedule.lastBookableDay(gate);
        List<String> trucks = over.stream().map(Declaration::plateKey).distinct().toList();
        return declarations.bookedDaysOfTrucks(conn, trucks).chain(bookedDays -> {
            List<Uni<Declaration>> steps = new ArrayList<>();
            List<CapacityChangeResult.Moved> moved = new ArrayList<>();
            List<CapacityChangeResult.Unplaced> unplaced = new ArrayList<>();
            for (Declaration d : over) {
                // No truck may end up with two bookings on one day.
                Set<LocalDate> daysOfTruck = bookedDays.computeIfAbsent(d.plateKey(), k -> new HashSet<>());
                OffsetDateTime target = loads.tailMap(d.slot().start(), false).keySet().stream()
                        .filter(start -> start.isAfter(now) && loads.get(start).hasRoom()
                                && !start.atZoneSameInstant(gate.zone()).toLocalDate().isAfter(lastBookable))
                        .filter(start -> start.toLocalDate().equals(d.slot().day()) || !daysOfTruck.contains(start.toLocalDate()))
                        .findFirst().orElse(null);
                if (target == null) {
                    unplaced.add(new CapacityChangeResult.Unplaced(d.id(), d.reference(), d.slot().start()));
                    continue;
                }
                loads.get(d.slot().start()).held--;
                loads.get(target).held++;
                daysOfTruck.add(target.toLocalDate());
                Slot to = schedule.find(gate, target).orElseThrow();
                moved.add(new CapacityChangeResult.Moved(d.id(), d.reference(), d.slot().start(), to.start()));
                if (rehearsal) {
                    continue;
                }
                steps.add(lifecycle.note(conn, d, "SLOT_MOVED", actor,
                        Map.of("from", Times.iso(d.slot().start()), "to", Times.iso(to.start()),
                                "reason", "capacity of the slot lowered to " + capacity),
                        Stamp.movedTo(to)));
            }
            return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                    .collect().asList().replaceWith(new Moves(moved, unplaced));
        });
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
