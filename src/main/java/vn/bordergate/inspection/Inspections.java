package vn.bordergate.inspection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.change.Cancellation;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.inspection.InspectionRequest.Decision;
import vn.bordergate.inspection.InspectionView.AgencyDecision;
import vn.bordergate.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Agency decisions on a called truck. The declaration row is locked while a decision is recorded, so two
 * agencies deciding at the same moment are applied one after the other and the outcome is computed once:
 * any REJECTED rejects the truck, all required CLEARED release it, HOLD keeps it where it is.
 */
@ApplicationScoped
class Inspections {

    static final int MAX_NOTE = 1000;

    private final InspectionRepository inspections;
    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Cancellation places;
    private final Clock clock;

    public Inspections(InspectionRepository inspections, DeclarationRepository declarations, Lifecycle lifecycle, Cancellation places, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.inspections = inspections;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.places = places;
        this.clock = clock;
    }

    public Uni<InspectionView> decide(Caller caller, UUID id, InspectionRequest request) {
        Agency agency = Agency.of(caller).orElseThrow(() -> new ProblemException(403, "forbidden",
                "Not an inspecting agency", "only customs, border-guard and quarantine officers record inspections"));
        if (request == null || request.decision() == null) {
            throw Problems.invalidField("decision", "is required: CLEARED, HOLD or REJECTED");
        }
        if (request.note() != null && request.note().length() > MAX_NOTE) {
            throw Problems.invalidField("note", "must be at most " + MAX_NOTE + " characters");
        }
        return transactions.run(conn -> declarations.lock(conn, id).chain(d -> {
                    if (d == null || !caller.worksAt(d.gateCode())) {
                        throw Problems.notFound("declaration " + id);
                    }
                    if (d.status() != DeclarationStatus.CALLED) {
                        throw Problems.conflict("invalid-state", "Not at the inspection stage",
                                "declaration " + d.reference() + " is " + d.status() + "; inspections are recorded on CALLED trucks")
                                .with(ProblemMember.CURRENT_STATUS, d.status());
                    }
                    Set<Agency> required = Agency.requiredFor(d.cargo().category());
                    if (!required.contains(agency)) {
                        throw Problems.conflict("inspection-not-required", "This agency does not inspect this cargo",
                                agency.role() + " does not inspect " + d.cargo().category() + " cargo");
                    }
                    return InspectionRepository.decisions(conn, id).chain(before -> {
                        AgencyDecision mine = before.get(agency);
                        if (mine != null && mine.decision() == request.decision()) {
                            return Uni.createFrom().item(new Outcome(d, before)); // repeating a decision changes nothing
                        }
                        return record(conn, caller, d, agency, request)
                                .chain(noted -> InspectionRepository.decisions(conn, id).chain(after -> conclude(conn, caller, noted, required, after)));
                    });
                }))
                .call(outcome -> switch (outcome.declaration().status()) {
                    case REJECTED -> places.freePlace(outcome.declaration());
                    case RELEASED -> places.freeTruck(outcome.declaration());
                    default -> Uni.createFrom().voidItem();
                })
                .map(outcome -> view(outcome.declaration(), outcome.decisions()));
    }

    public Uni<InspectionView> of(Declaration d) {
        return inspections.decisions(d.id()).map(decisions -> view(d, decisions));
    }

    private record Outcome(Declaration declaration, Map<Agency, AgencyDecision> decisions) {
    }

    private Uni<Declaration> record(SqlConnection conn, Caller caller, Declaration d, Agency agency, InspectionRequest r) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return InspectionRepository.record(conn, d.id(), agency, r.decision(), r.note(), caller.subject(), now)
                // The first decision shows the truck is at the gate: its call deadline no longer runs.
                .chain(() -> lifecycle.note(conn, d, "INSPECTED", Actor.of(caller),
                        details(agency, r), Stamp.arrived(now)));
    }

    private Uni<Outcome> conclude(SqlConnection conn, Caller caller, Declaration d, Set<Agency> required,
                                  Map<Agency, AgencyDecision> decisions) {
        boolean rejected = decisions.values().stream().anyMatch(a -> a.decision() == Decision.REJECTED);
        boolean cleared = required.stream().allMatch(a -> decisions.containsKey(a) && decisions.get(a).decision() == Decision.CLEARED);
        Uni<Declaration> next;
        if (rejected) {
            next = lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.REJECTED, "REJECTED")
                    .because("rejected by " + rejectedBy(decisions)), Actor.of(caller));
        } else if (cleared) {
            next = lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.RELEASED, "RELEASED")
                    .stamping(Stamp.released(OffsetDateTime.now(clock)))
                    .because("cleared by every required agency"), Actor.of(caller));
        } else {
            next = Uni.createFrom().item(d);
        }
        return next.map(moved -> new Outcome(moved, decisions));
    }


    private static InspectionView view(Declaration d, Map<Agency, AgencyDecision> decisions) {
        List<String> pending = new ArrayList<>();
        for (Agency agency : Agency.requiredFor(d.cargo().category())) {
            AgencyDecision decision = decisions.get(agency);
            if (decision == null || decision.decision() != Decision.CLEARED) {
                pending.add(agency.role());
            }
        }
        return new InspectionView(d.id(), d.reference(), d.status(), d.version(),
                decisions.values().stream().sorted((a, b) -> a.agency().compareTo(b.agency())).toList(), pending);
    }

    private static Map<String, Object> details(Agency agency, InspectionRequest r) {
        Map<String, Object> details = new HashMap<>(Map.of("agency", agency.role(), "decision", r.decision().name()));
        if (r.note() != null) {
            details.put("note", r.note());
        }
        return details;
    }

    private static String rejectedBy(Map<Agency, AgencyDecision> decisions) {
        return decisions.values().stream().filter(a -> a.decision() == Decision.REJECTED).map(AgencyDecision::agency)
                .sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }
}
