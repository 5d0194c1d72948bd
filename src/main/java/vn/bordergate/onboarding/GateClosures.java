package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.ReslottingStatements;
import vn.bordergate.gate.Closure;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Closing a gate for a while and reopening it. A new closure moves each BOOKED truck inside it to the
 * open slot with room nearest its own (same direction, after now, within the horizon, never a second booking
 * of the truck on one day), highest priority first; where there is none, the gate cancels the booking
 * (reason {@code gate-closed}). Each firm hears of it through the declaration's events, stream and
 * webhooks. Trucks already checked in or called are at the gate: the closure leaves them to the officers.
 * It all happens in one transaction holding the gate's day locks, and the ledgers are recounted in it.
 */
@ApplicationScoped
class GateClosures {

    static final Duration LONGEST = Duration.ofDays(62);
    /**
     * How far ahead a closure may end: a year, so a holiday is announced before its days open for booking
     * and no booking needs moving. Days beyond the horizon have no ledger: the closure is only recorded, and
     * their ledgers leave its slots out when they are built.
     */
    static final int FURTHEST_AHEAD_DAYS = 366;

    private final Transactions transactions;
    private final GateCatalog catalog;
    private final SlotSchedule schedule;
    private final ReslottingStatements declarations;
    private final Relocation relocation;
    private final Clock clock;

    GateClosures(Transactions transactions, GateCatalog catalog, SlotSchedule schedule,
                 ReslottingStatements declarations, Relocation relocation, Clock clock) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.schedule = schedule;
        this.declarations = declarations;
        this.relocation = relocation;
        this.clock = clock;
    }

    Uni<ClosureResult> close(Caller caller, String code, ClosureRequest request) {
        return catalog.require(code).chain(gate -> {
            GateOnboarding.requireAdministers(caller, gate);
            validate(gate, request);
            Actor actor = Actor.of(caller);
            return transactions.run(conn -> {
                List<LocalDate> days = relocation.ledgerDays(gate);
                return relocation.lock(conn, gate, days)
                        .chain(() -> ClosureRepository.insert(conn, gate.code, request, caller.subject()))
                        .chain(closure -> {
                            Gate closed = withClosure(gate, closure);
                            return declarations.lockBookedDuring(conn, gate, request.from(), request.to())
                                    .chain(inside -> relocate(conn, caller, closed, closure, inside, actor))
                                    .call(() -> relocation.reload(conn, closed, days))
                                    .call(result -> GateChangeRepository.record(conn, gate.code, "CLOSED", actor.subject(),
                                            actor.role(), null, JsonObject.of("closure", closure.id.toString(), "from", Times.iso(closure.startsAt),
                                                    "to", Times.iso(closure.endsAt), "reasonVi", closure.reasonVi,
                                                    "reasonEn", closure.reasonEn, "moved", result.movedCount(),
                                                    "cancelled", result.cancelledCount())));
                        });
            });
        }).invoke(catalog::invalidate);
    }

    Uni<Void> reopen(Caller caller, String code, java.util.UUID id) {
        return catalog.require(code).chain(gate -> {
            GateOnboarding.requireAdministers(caller, gate);
            Closure closure = gate.closures().stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
            if (closure == null) {
                throw Problems.notFound("closure " + id + " of gate " + code);
            }
            Gate open = gate.copy();
            open.setClosures(gate.closures().stream().filter(c -> !c.id.equals(id)).toList());
            List<LocalDate> days = relocation.ledgerDays(gate);
            return transactions.run(conn -> SlotStatements.lockGateDays(conn, gate.code, days)
                    .chain(() -> ClosureRepository.reopen(conn, gate.code, id, OffsetDateTime.now(clock)))
                    .chain(reopened -> {
                        if (!reopened) {
                            throw Problems.notFound("closure " + id + " of gate " + code);
                        }
                        return relocation.reload(conn, open, days);
                    })
                    .chain(() -> GateChangeRepository.record(conn, gate.code, "REOPENED", caller.subject(), caller.role(),
                            JsonObject.of("closure", id.toString(), "from", Times.iso(closure.startsAt), "to", Times.iso(closure.endsAt)),
                            JsonObject.of("closure", id.toString(), "reopenedAt", Times.iso(OffsetDateTime.now(clock))))));
        }).invoke(catalog::invalidate);
    }



    private static Gate withClosure(Gate gate, Closure closure) {
        Gate closed = gate.copy();
        List<Closure> all = new ArrayList<>(gate.closures());
        all.add(closure);
        closed.setClosures(all);
        return closed;
    }

    private Uni<ClosureResult> relocate(SqlConnection conn, Caller caller, Gate closed, Closure closure,
                                        List<Declaration> inside, Actor actor) {
        ClosureRequest.Reason reason = new ClosureRequest.Reason(closure.reasonVi, closure.reasonEn);
        Relocation.Cause cause = new Relocation.Cause("gate-closed",
                Map.of("closure", closure.id.toString(), "reasonVi", closure.reasonVi, "reasonEn", closure.reasonEn),
                "gate closed: " + closure.reasonEn);
        // The closed gate's schedule offers no slot inside the closure: any slot it offers may be taken.
        return relocation.relocate(conn, caller, closed, inside, (d, start) -> true, cause, actor)
                .map(moves -> new ClosureResult(closure.id, closure.startsAt, closure.endsAt, reason, moves.movedCount(),
                        moves.cancelledCount(), moves.moved(), moves.cancelled()));
    }

    private void validate(Gate gate, ClosureRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            throw Problems.invalidField("(body)", "must be a JSON object: from, to, reason {vi, en}");
        }
        Times.outOfRange("from", r.from()).ifPresent(errors::add);
        Times.outOfRange("to", r.to()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        // A closure that began earlier today is taken as it is (a flood since this morning); before today
        // there is nothing left to close, and a client sending it most likely means another day.
        OffsetDateTime earliest = schedule.today(gate).atStartOfDay(gate.zone()).toOffsetDateTime();
        OffsetDateTime latest = schedule.today(gate).plusDays(FURTHEST_AHEAD_DAYS).atStartOfDay(gate.zone()).toOffsetDateTime();
        if (r.from() == null || r.to() == null || !r.from().isBefore(r.to())) {
            errors.add(new FieldError("to", "from and to are required (with offset), from before to"));
        } else if (r.from().isBefore(earliest)) {
            errors.add(new FieldError("from", "must be on or after " + Times.iso(earliest)
                    + " (the start of the gate's today): a closure covers " + Times.iso(earliest) + " to " + Times.iso(latest)));
        } else if (r.to().isAfter(latest)) {
            errors.add(new FieldError("to", "must be at most " + Times.iso(latest) + " (" + FURTHEST_AHEAD_DAYS
                    + " days ahead): a closure covers " + Times.iso(earliest) + " to " + Times.iso(latest)));
        } else {
            if (!r.to().isAfter(OffsetDateTime.now(clock))) {
                errors.add(new FieldError("to", "is in the past: a closure is for now or later"));
            }
            if (Duration.between(r.from(), r.to()).compareTo(LONGEST) > 0) {
                errors.add(new FieldError("to", "a closure lasts at most " + LONGEST.toDays() + " days; deactivate the gate for longer"));
            }
        }
        if (r.reason() == null || blank(r.reason().vi()) || blank(r.reason().en())) {
            errors.add(new FieldError("reason", "is required in Vietnamese (vi) and English (en)"));
        } else if (r.reason().vi().length() > 500 || r.reason().en().length() > 500) {
            errors.add(new FieldError("reason", "is at most 500 characters in each language"));
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
