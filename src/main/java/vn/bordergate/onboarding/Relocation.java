package vn.bordergate.onboarding;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.Access;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.ReslottingStatements;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.http.Times;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Moves BOOKED trucks out of slots they may no longer keep (a closure, a category stop): each, in the order
 * given, to the open slot with room nearest its own that it may take (same direction, after now, within the
 * horizon, never a second booking of the truck on one day); where there is none, the gate cancels it. Each
 * firm hears of it through the declaration's events (SLOT_MOVED, CANCELLED with the cause), stream and
 * webhooks. Runs inside its caller's transaction, which holds the gate's day locks and recounts the ledgers
 * ({@link #reload}) before it commits.
 */
@ApplicationScoped
class Relocation {

    /** Why trucks move: the reason a cancellation gives, the details every event carries, the words of SLOT_MOVED. */
    record Cause(String cancelReason, Map<String, Object> details, String movedBecause) {
    }

    /** How many moved and were cancelled, and of those the ones the caller may read. */
    record Outcome(int movedCount, int cancelledCount, List<ClosureResult.Moved> moved, List<ClosureResult.Cancelled> cancelled) {
    }

    private final SlotSchedule schedule;
    private final LedgerRebuild rebuild;
    private final ReslottingStatements declarations;
    private final Lifecycle lifecycle;
    private final Clock clock;

    Relocation(SlotSchedule schedule, LedgerRebuild rebuild, ReslottingStatements declarations, Lifecycle lifecycle, Clock clock) {
        this.schedule = schedule;
        this.rebuild = rebuild;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * The days that have a ledger: today to the day that opens next (built ahead of its opening). Every
     * booking is on one of them; no other day is locked or loaded, however far a change reaches.
     */
    List<LocalDate> ledgerDays(Gate gate) {
        return schedule.today(gate).datesUntil(schedule.nextToOpen(gate).plusDays(1)).toList();
    }

    /** Locks the gate's ledger days and fences bookings in flight on them, before trucks are moved. */
    Uni<Void> lock(SqlConnection conn, Gate gate, List<LocalDate> days) {
        return SlotStatements.lockGateDays(conn, gate.code, days).chain(() -> SlotStatements.fenceBookings(conn, gate.code, days));
    }

    /** Recounts the ledgers of those days from the rows, as the gate now stands. */
    Uni<Void> reload(SqlConnection conn, Gate gate, List<LocalDate> days) {
        return Multi.createFrom().iterable(days)
                .onItem().transformToUniAndConcatenate(day -> rebuild.reloadWithin(conn, gate, day))
                .collect().asList().replaceWithVoid();
    }

    /** The days a booking may move to: today to the last day open for booking. */
    private List<LocalDate> bookableDays(Gate gate) {
        return schedule.today(gate).datesUntil(schedule.lastBookableDay(gate).plusDays(1)).toList();
    }

    Uni<Outcome> relocate(SqlConnection conn, Caller caller, Gate closed, List<Declaration> inside,
                          BiPredicate<Declaration, OffsetDateTime> mayTake, Cause cause, Actor actor) {
        if (inside.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0, List.of(), List.of()));
        }
        List<LocalDate> days = bookableDays(closed);
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        Map<Direction, Map<OffsetDateTime, int[]>> room = new HashMap<>();
        return Multi.createFrom().items(Direction.values())
                .onItem().transformToUniAndConcatenate(direction -> SlotStatements.capacities(conn, closed, direction, first, last)
                        .chain(capacities -> declarations.placesHeld(conn, closed, direction, first, last).invoke(held -> {
                            Map<OffsetDateTime, int[]> free = new HashMap<>();
                            for (LocalDate day : days) {
                                for (Slot slot : schedule.slotsOn(closed, day)) {
                                    int capacity = capacities.getOrDefault(slot.start(), closed.defaultCapacity(direction));
                                    free.put(slot.start(), new int[]{capacity - held.getOrDefault(slot.start(), 0)});
                                }
                            }
                            room.put(direction, free);
                        })))
                .collect().asList()
                .chain(() -> declarations.bookedDaysOfTrucks(conn, inside.stream().map(Declaration::plateKey).distinct().toList()))
                .chain(bookedDays -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    int movedCount = 0;
                    int cancelledCount = 0;
                    // The answer names only bookings the caller may read; their owners hear of every one.
                    List<ClosureResult.Moved> moved = new ArrayList<>();
                    List<ClosureResult.Cancelled> cancelled = new ArrayList<>();
                    List<Uni<Declaration>> steps = new ArrayList<>();
                    Map<String, Object> why = cause.details();
                    for (Declaration d : inside) {
                        Set<LocalDate> daysOfTruck = bookedDays.computeIfAbsent(d.plateKey(), k -> new HashSet<>());
                        Map<OffsetDateTime, int[]> free = room.get(d.direction());
                        OffsetDateTime target = free.entrySet().stream()
                                .filter(slot -> slot.getValue()[0] > 0 && slot.getKey().isAfter(now))
                                .map(Map.Entry::getKey)
                                .filter(start -> start.toLocalDate().equals(d.slot().day())
                                        || !daysOfTruck.contains(start.atZoneSameInstant(closed.zone()).toLocalDate()))
                                .filter(start -> mayTake.test(d, start))
                                .min(Comparator.comparing((OffsetDateTime start) -> Duration.between(d.slot().start(), start).abs())
                                        .thenComparing(start -> start))
                                .orElse(null);
                        if (target == null) {
                            cancelledCount++;
                            if (Access.canRead(caller, d)) {
                                cancelled.add(new ClosureResult.Cancelled(d.id(), d.reference(), d.slot().start()));
                            }
                            steps.add(lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.CANCELLED, "CANCELLED")
                                    .because(cause.cancelReason()).with(why), actor));
                            continue;
                        }
                        free.get(target)[0]--;
                        daysOfTruck.add(target.atZoneSameInstant(closed.zone()).toLocalDate());
                        Slot to = schedule.find(closed, target).orElseThrow();
                        movedCount++;
                        if (Access.canRead(caller, d)) {
                            moved.add(new ClosureResult.Moved(d.id(), d.reference(), d.slot().start(), to.start()));
                        }
                        Map<String, Object> details = new HashMap<>(why);
                        details.put("from", Times.iso(d.slot().start()));
                        details.put("to", Times.iso(to.start()));
                        details.put("reason", cause.movedBecause());
                        steps.add(lifecycle.note(conn, d, "SLOT_MOVED", actor, details, Stamp.movedTo(to)));
                    }
                    Outcome result = new Outcome(movedCount, cancelledCount, moved, cancelled);
                    return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                            .collect().asList().replaceWith(result);
                });
    }
}
