package vn.bordergate.onboarding;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.ReslottingStatements;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.gate.GateStatements;
import vn.bordergate.gate.GateView;
import vn.bordergate.gate.Province;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Onboarding and changing gates: an admin for any province, a province admin for its own. Every write holds
 * the gate's day locks and its bookings' epoch rows, checks what the change does to the bookings already
 * made, writes the gate and its audit record and reloads the Redis ledgers, in one transaction.
 * <p>
 * What happens to existing bookings: nothing. A change that would leave an active booking outside every slot
 * of the new schedule (hours, slot length, time zone) or a slot holding more bookings than its new capacity
 * is refused with the bookings and slots in the way; lowering a horizon or deactivating the gate stops only
 * new bookings. Moving bookings out of the way is what capacity changes (and closures) do.
 */
@ApplicationScoped
class GateOnboarding {

    private final Transactions transactions;
    private final GateCatalog catalog;
    private final SlotSchedule schedule;
    private final LedgerRebuild rebuild;
    private final ReslottingStatements declarations;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;

    GateOnboarding(Transactions transactions, GateCatalog catalog, SlotSchedule schedule, LedgerRebuild rebuild,
                   ReslottingStatements declarations, com.fasterxml.jackson.databind.ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        this.catalog = catalog;
        this.schedule = schedule;
        this.rebuild = rebuild;
        this.declarations = declarations;
    }

    Uni<GateView> create(Caller caller, GateRequest request) {
        Gate gate = GateSettings.newGate(request);
        return province(caller, gate.provinceCode).chain(province -> {
            gate.province = province.name;
            return transactions.run(conn -> GateStatements.insert(conn, gate)
                    .chain(() -> GateChangeRepository.record(conn, gate.code, "CREATED", caller.subject(), caller.role(),
                            null, snapshot(gate))));
        }).onFailure(GateOnboarding::isTaken).transform(e -> taken())
                .invoke(catalog::invalidate)
                .map(ignored -> GateView.of(gate));
    }

    Uni<GateView> change(Caller caller, String code, GateRequest request) {
        return catalog.require(code).chain(current -> {
            requireAdministers(caller, current);
            Gate changed = GateSettings.changed(current, request);
            Uni<Province> province = changed.provinceCode.equals(current.provinceCode)
                    ? Uni.createFrom().item((Province) null) : province(caller, changed.provinceCode);
            return province.chain(p -> {
                if (p != null) {
                    changed.province = p.name;
                }
                return transactions.run(conn -> applyChange(conn, caller, current, changed));
            });
        }).onFailure(GateOnboarding::isTaken).transform(e -> taken())
                .invoke(catalog::invalidate)
                .map(GateView::of);
    }

    private Uni<Gate> applyChange(SqlConnection conn, Caller caller, Gate current, Gate changed) {
        LocalDate first = schedule.today(current);
        LocalDate last = later(schedule.lastBookableDay(current), schedule.lastBookableDay(changed));
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        return SlotStatements.lockGateDays(conn, current.code, days)
                .chain(() -> SlotStatements.fenceBookings(conn, current.code, days))
                .chain(() -> Multi.createFrom().items(Direction.values())
                        .onItem().transformToUniAndConcatenate(direction -> inTheWay(conn, current, changed, direction, first, last))
                        .collect().asList())
                .chain(problems -> {
                    List<String> stranded = new ArrayList<>();
                    List<String> overCapacity = new ArrayList<>();
                    problems.forEach(p -> {
                        stranded.addAll(p.stranded());
                        overCapacity.addAll(p.overCapacity());
                    });
                    if (!stranded.isEmpty() || !overCapacity.isEmpty()) {
                        throw new ProblemException(409, "gate-change-strands-bookings", "Bookings in the way",
                                "this change would leave bookings outside the gate's slots or slots over capacity; "
                                        + "move them first (PUT /api/v1/gates/{code}/capacity) or change less")
                                .with(ProblemMember.SLOTS_WITHOUT_PLACE, stranded).with(ProblemMember.SLOTS_OVER_CAPACITY, overCapacity);
                    }
                    return GateStatements.update(conn, changed);
                })
                .chain(() -> GateChangeRepository.record(conn, current.code, "CHANGED", caller.subject(), caller.role(),
                        snapshot(current), snapshot(changed)))
                .chain(() -> Multi.createFrom().iterable(days)
                        .onItem().transformToUniAndConcatenate(day -> rebuild.reloadWithin(conn, changed, day))
                        .collect().asList())
                .replaceWith(changed);
    }

    /** Booked slots (of active bookings, from today on) the new configuration would not offer or not fit. */
    private record InTheWay(List<String> stranded, List<String> overCapacity) {
    }

    private Uni<InTheWay> inTheWay(SqlConnection conn, Gate current, Gate changed, Direction direction, LocalDate first,
                                   LocalDate last) {
        // A slot that is over (its trucks long checked in or gone) is history, not a booking to place.
        OffsetDateTime ended = OffsetDateTime.now(clock).minusMinutes(current.slotMinutes);
        return SlotStatements.capacities(conn, changed, direction, first, last)
                .chain(set -> declarations.placesHeld(conn, changed, direction, first, last).map(held -> {
                    Set<Instant> offered = new HashSet<>();
                    first.datesUntil(last.plusDays(1))
                            .forEach(day -> schedule.slotsOn(changed, day).forEach(s -> offered.add(s.start().toInstant())));
                    List<String> stranded = new ArrayList<>();
                    List<String> over = new ArrayList<>();
                    for (Map.Entry<OffsetDateTime, Integer> slot : held.entrySet()) {
                        OffsetDateTime start = slot.getKey();
                        if (!start.isAfter(ended)) {
                            continue;
                        }
                        String label = direction + " " + start;
                        if (!offered.contains(start.toInstant())) {
                            stranded.add(label + ": " + slot.getValue() + " booked");
                        } else if (slot.getValue() > set.getOrDefault(start, changed.defaultCapacity(direction))) {
                            over.add(label + ": " + slot.getValue() + " booked, capacity "
                                    + set.getOrDefault(start, changed.defaultCapacity(direction)));
                        }
                    }
                    return new InTheWay(stranded, over);
                }));
    }

    private Uni<Province> province(Caller caller, String provinceCode) {
        if (!caller.administers(provinceCode)) {
            return Uni.createFrom().failure(notYourProvince(provinceCode));
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> Province.<Province>findById(provinceCode))
                .onItem().ifNull().failWith(() -> vn.bordergate.http.Problems.invalidField("provinceCode",
                        "is not a known province (see GET /api/v1/provinces)"));
    }

    static void requireAdministers(Caller caller, Gate gate) {
        if (!caller.administers(gate.provinceCode)) {
            throw notYourProvince(gate.provinceCode);
        }
    }

    private static ProblemException notYourProvince(String provinceCode) {
        return new ProblemException(403, "forbidden", "Not your province",
                "your token may administer the gates of its provinces claim only, which does not include " + provinceCode);
    }

    private static boolean isTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static ProblemException taken() {
        return new ProblemException(409, "gate-exists", "Code or prefix taken",
                "another gate already has this code or reference prefix");
    }

    /** What auditors see of a configuration: the gate as the API shows it. */
    private JsonObject snapshot(Gate gate) {
        try {
            return new JsonObject(json.writeValueAsString(GateView.of(gate)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
