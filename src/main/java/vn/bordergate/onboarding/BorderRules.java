package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.BorderRuleChecks;
import vn.bordergate.declaration.CargoCategory;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.ReslottingStatements;
import vn.bordergate.gate.BorderRule;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Border rules of a gate, set and ended by the province's admins (an admin any): each one previewed on demand
 * (which booked trucks it would move, or refuse), written with its entry in the gate's change log, and in force
 * on every instance once its catalog reloads (at once here, within 30 s elsewhere).
 */
@ApplicationScoped
public class BorderRules {

    static final int MAX_HS_PREFIXES = 20;
    static final int MAX_REASON = 500;
    /** How far a preview looks for bookings an open-ended rule would meet: past every booking horizon. */
    private static final Duration OPEN_ENDED_LOOK = Duration.ofDays(400);

    /** What a rule would do to the trucks already booked, were it set now. */
    public record Preview(int bookedAffected, List<String> references) {
    }

    private final GateCatalog catalog;
    private final Transactions transactions;
    private final ReslottingStatements declarations;
    private final Relocation relocation;
    private final Clock clock;

    BorderRules(GateCatalog catalog, Transactions transactions, ReslottingStatements declarations, Relocation relocation,
                Clock clock) {
        this.catalog = catalog;
        this.transactions = transactions;
        this.declarations = declarations;
        this.relocation = relocation;
        this.clock = clock;
    }

    Uni<List<BorderRuleView>> of(String code) {
        Instant now = clock.instant();
        return catalog.require(code).map(gate -> gate.rules().stream().map(r -> BorderRuleView.of(r, now)).toList());
    }

    /**
     * Sets a rule. A category stop also moves the BOOKED trucks of its cargo out of its period, as a closure
     * does (the nearest open slot with room outside it, else cancelled, reason {@code category-stopped}), in
     * the same transaction, under the gate's day locks, with the ledgers recounted.
     */
    Uni<BorderRuleView> set(Caller caller, String code, BorderRuleRequest request) {
        return catalog.require(code).chain(gate -> {
            GateOnboarding.requireAdministers(caller, gate);
            BorderRule rule = rule(gate, request, caller);
            Actor actor = Actor.of(caller);
            if (rule.kind() != BorderRule.Kind.CATEGORY_STOP) {
                return transactions.run(conn -> BorderRuleRepository.insert(conn, rule)
                                .call(() -> GateChangeRepository.record(conn, gate.code, "RULE_SET", actor.subject(), actor.role(),
                                        null, audited(rule))))
                        .map(ignored -> BorderRuleView.of(rule, clock.instant()));
            }
            Gate ruled = gate.copy();
            List<BorderRule> rules = new ArrayList<>(gate.rules());
            rules.add(rule);
            ruled.setRules(rules);
            List<java.time.LocalDate> days = relocation.ledgerDays(gate);
            Relocation.Cause cause = new Relocation.Cause("category-stopped",
                    Map.of("rule", rule.id.toString(), "reasonVi", rule.reasonVi, "reasonEn", rule.reasonEn),
                    "cargo stopped at the gate: " + rule.reasonEn);
            return transactions.run(conn -> relocation.lock(conn, gate, days)
                    .chain(() -> BorderRuleRepository.insert(conn, rule))
                    .chain(() -> declarations.lockBookedDuring(conn, gate, rule.validFrom, until(rule)))
                    .map(booked -> booked.stream().filter(d -> stopped(rule, d)).toList())
                    // Never into this stop's period, nor into another stop of the same cargo.
                    .chain(stopped -> relocation.relocate(conn, caller, ruled, stopped,
                            (d, start) -> ruled.rulesAt(BorderRule.Kind.CATEGORY_STOP, start.toInstant(), d.direction().name())
                                    .stream().noneMatch(other -> stopped(other, d, start)), cause, actor))
                    .call(() -> relocation.reload(conn, ruled, days))
                    .call(moves -> GateChangeRepository.record(conn, gate.code, "RULE_SET", actor.subject(), actor.role(),
                            null, audited(rule).put("moved", moves.movedCount()).put("cancelled", moves.cancelledCount())))
                    .map(moves -> BorderRuleView.of(rule, clock.instant()).withMoves(moves)));
        }).invoke(catalog::invalidate);
    }

    /** Whether a booked truck is one the stop moves: its direction, its cargo, its slot starting in the period. */
    private static boolean stopped(BorderRule stop, Declaration d) {
        return stopped(stop, d, d.slot().start());
    }

    /** Whether the stop holds for this truck's cargo and direction in a slot starting then. */
    private static boolean stopped(BorderRule stop, Declaration d, OffsetDateTime slotStart) {
        return stop.covers(d.direction().name()) && stop.inForceAt(slotStart.toInstant())
                && stop.stops(d.cargo() == null || d.cargo().category() == null ? null : d.cargo().category().name(),
                d.cargo() == null ? null : d.cargo().hsCode());
    }

    private static OffsetDateTime until(BorderRule rule) {
        return rule.validUntil != null ? rule.validUntil : rule.validFrom.plus(OPEN_ENDED_LOOK);
    }

    /**
     * The trucks booked now that the rule meets: a category stop's trucks with a slot in its period (setting it
     * moves them), a declaration window's trucks whose slot lies further from their declaration than it allows
     * (setting it flags them).
     */
    Uni<Preview> preview(Caller caller, String code, BorderRuleRequest request) {
        return catalog.require(code).chain(gate -> {
            GateOnboarding.requireAdministers(caller, gate);
            BorderRule rule = rule(gate, request, caller);
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime from = rule.kind() == BorderRule.Kind.CATEGORY_STOP && rule.validFrom.isAfter(now) ? rule.validFrom : now;
            OffsetDateTime to = rule.kind() == BorderRule.Kind.CATEGORY_STOP && rule.validUntil != null
                    ? rule.validUntil : now.plus(OPEN_ENDED_LOOK);
            if (!to.isAfter(from)) {
                return Uni.createFrom().item(new Preview(0, List.of()));
            }
            Gate ruled = gate.copy();
            ruled.setRules(List.of(rule));
            return transactions.run(conn -> declarations.bookedStartingDuring(conn, gate, from, to)).map(booked -> {
                List<String> refused = booked.stream().filter(d -> refuses(ruled, rule, d)).map(Declaration::reference).toList();
                return new Preview(refused.size(), refused.subList(0, Math.min(refused.size(), 100)));
            });
        });
    }

    Uni<Void> end(Caller caller, String code, UUID id) {
        return catalog.require(code).chain(gate -> {
            GateOnboarding.requireAdministers(caller, gate);
            BorderRule rule = gate.rules().stream().filter(r -> r.id.equals(id)).findFirst().orElse(null);
            if (rule == null) {
                throw Problems.notFound("border rule " + id + " of gate " + code);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            Actor actor = Actor.of(caller);
            return transactions.run(conn -> BorderRuleRepository.end(conn, gate.code, id, now).chain(ended -> {
                if (!ended) {
                    throw Problems.notFound("border rule " + id + " of gate " + code);
                }
                return GateChangeRepository.record(conn, gate.code, "RULE_ENDED", actor.subject(), actor.role(),
                        audited(rule), JsonObject.of("rule", id.toString(), "endedAt", Times.iso(now)));
            }));
        }).invoke(catalog::invalidate);
    }

    /** Whether the rule, as the gate's only one, refuses a booked truck as it stands. */
    private static boolean refuses(Gate ruled, BorderRule rule, Declaration d) {
        // A declaration window is judged from the moment the truck was declared; a category stop at the slot.
        Instant declaredAt = rule.kind() == BorderRule.Kind.DECLARATION_WINDOW ? d.createdAt().toInstant()
                : rule.validFrom.toInstant();
        if (rule.kind() == BorderRule.Kind.DECLARATION_WINDOW && !rule.inForceAt(declaredAt)) {
            declaredAt = rule.validFrom.toInstant();
        }
        return BorderRuleChecks.refusal(ruled, d.direction(), d.cargo().category(), d.cargo().hsCode(),
                d.slot().start(), declaredAt).isPresent();
    }

    private BorderRule rule(Gate gate, BorderRuleRequest r, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            throw Problems.invalidField("(body)", "a border rule is required");
        }
        if (r.kind() == null) {
            errors.add(new FieldError("kind", "is required: DECLARATION_WINDOW or CATEGORY_STOP"));
        }
        if (r.validFrom() == null) {
            errors.add(new FieldError("validFrom", "is required"));
        }
        Times.outOfRange("validFrom", r.validFrom()).ifPresent(errors::add);
        Times.outOfRange("validUntil", r.validUntil()).ifPresent(errors::add);
        if (r.validFrom() != null && r.validUntil() != null && !r.validUntil().isAfter(r.validFrom())) {
            errors.add(new FieldError("validUntil", "must be after validFrom"));
        }
        if (r.validUntil() != null && !r.validUntil().isAfter(OffsetDateTime.now(clock))) {
            errors.add(new FieldError("validUntil", "must be in the future: a rule that is already over changes nothing"));
        }
        List<String> categories = r.categories() == null ? List.of() : r.categories().stream()
                .map(c -> c == null ? null : c.name()).toList();
        List<String> prefixes = r.hsPrefixes() == null ? List.of() : r.hsPrefixes();
        if (r.kind() == BorderRule.Kind.DECLARATION_WINDOW) {
            if (r.maxDaysAhead() == null || r.maxDaysAhead() < 0 || r.maxDaysAhead() > 366) {
                errors.add(new FieldError("maxDaysAhead", "is required for a declaration window: 0 to 366 days"));
            }
            if (!categories.isEmpty() || !prefixes.isEmpty()) {
                errors.add(new FieldError("categories", "belong to a CATEGORY_STOP, not a declaration window"));
            }
        }
        if (r.kind() == BorderRule.Kind.CATEGORY_STOP) {
            if (r.maxDaysAhead() != null) {
                errors.add(new FieldError("maxDaysAhead", "belongs to a DECLARATION_WINDOW, not a category stop"));
            }
            if (categories.isEmpty() && prefixes.isEmpty()) {
                errors.add(new FieldError("categories", "a category stop names categories, HS code prefixes, or both"));
            }
            if (categories.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(new FieldError("categories", "must not hold null; one of " + List.of(CargoCategory.values())));
            }
            if (prefixes.size() > MAX_HS_PREFIXES
                    || prefixes.stream().anyMatch(p -> p == null || !p.matches("[0-9]{2,10}"))) {
                errors.add(new FieldError("hsPrefixes", "at most " + MAX_HS_PREFIXES + " prefixes of 2 to 10 digits"));
            }
        }
        if (r.reason() == null || blankOrLong(r.reason().vi()) || blankOrLong(r.reason().en())) {
            errors.add(new FieldError("reason", "vi and en are required, at most " + MAX_REASON + " characters each"));
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        BorderRule rule = new BorderRule();
        rule.id = UUID.randomUUID();
        rule.gateCode = gate.code;
        rule.kind = r.kind().name();
        rule.direction = r.direction() == null ? null : r.direction().name();
        rule.validFrom = r.validFrom();
        rule.validUntil = r.validUntil();
        rule.maxDaysAhead = r.maxDaysAhead();
        rule.categories = categories.stream().distinct().toArray(String[]::new);
        rule.hsPrefixes = prefixes.stream().distinct().toArray(String[]::new);
        rule.reasonVi = r.reason().vi().strip();
        rule.reasonEn = r.reason().en().strip();
        rule.createdBy = caller.subject();
        rule.createdAt = OffsetDateTime.now(clock);
        return rule;
    }

    private static boolean blankOrLong(String text) {
        return text == null || text.isBlank() || text.length() > MAX_REASON;
    }

    private static JsonObject audited(BorderRule rule) {
        JsonObject after = JsonObject.of("rule", rule.id.toString(), "kind", rule.kind, "validFrom", Times.iso(rule.validFrom),
                "reasonVi", rule.reasonVi, "reasonEn", rule.reasonEn);
        if (rule.direction != null) {
            after.put("direction", rule.direction);
        }
        if (rule.validUntil != null) {
            after.put("validUntil", Times.iso(rule.validUntil));
        }
        if (rule.maxDaysAhead != null) {
            after.put("maxDaysAhead", rule.maxDaysAhead);
        }
        if (rule.categories.length > 0) {
            after.put("categories", new JsonArray(List.of((Object[]) rule.categories)));
        }
        if (rule.hsPrefixes.length > 0) {
            after.put("hsPrefixes", new JsonArray(List.of((Object[]) rule.hsPrefixes)));
        }
        return after;
    }
}
