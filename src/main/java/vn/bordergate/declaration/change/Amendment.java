package vn.bordergate.declaration.change;

import vn.bordergate.declaration.admission.Refusals;

import vn.bordergate.declaration.Access;
import vn.bordergate.declaration.BorderRuleChecks;
import vn.bordergate.declaration.AmendRequest;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.Drafts;
import vn.bordergate.declaration.Transitions;
import vn.bordergate.declaration.Versions;
import vn.bordergate.declaration.admission.AdmissionSteps;
import vn.bordergate.declaration.admission.SlotClaims;
import vn.bordergate.declaration.admission.SlotFullAnswers;
import vn.bordergate.declaration.admission.FallbackBooking;
import vn.bordergate.declaration.DeclarationListing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.DeclarationValidator;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotLedger;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Amending a booking before check-in. A new slot or truck is claimed first and the old one given back
 * only after PostgreSQL committed the change, so capacity is never counted short, even if a step fails.
 */
@ApplicationScoped
public class Amendment {

    private final Transactions transactions;
    private final GateCatalog gates;
    private final SlotSchedule schedule;
    private final SlotLedger ledger;
    private final LedgerRebuild rebuild;
    private final DeclarationListing declarations;
    private final DeclarationRepository repository;
    private final AuditTrail audit;
    private final AdmissionConfig config;
    private final Cancellation cancellation;
    private final SlotFullAnswers slotFullAnswers;
    private final SlotClaims claims;
    private final FallbackBooking fallback;
    private final Clock clock;

    public Amendment(GateCatalog gates, SlotSchedule schedule, SlotLedger ledger, LedgerRebuild rebuild,
                     DeclarationListing declarations, DeclarationRepository repository, AuditTrail audit,
                     AdmissionConfig config, Cancellation cancellation, SlotFullAnswers slotFullAnswers, FallbackBooking fallback,
                     Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
        this.gates = gates;
        this.schedule = schedule;
        this.ledger = ledger;
        this.rebuild = rebuild;
        this.declarations = declarations;
        this.repository = repository;
        this.audit = audit;
        this.config = config;
        this.claims = new SlotClaims(ledger, config);
        this.cancellation = cancellation;
        this.slotFullAnswers = slotFullAnswers;
        this.fallback = fallback;
    }

    public Uni<Declaration> amend(Caller caller, UUID id, Integer ifMatch, AmendRequest request) {
        if (ifMatch == null) {
            throw Versions.preconditionRequired();
        }
        if (request == null || request.changesNothing()) {
            throw Problems.invalidField("(body)", "give at least one of slotStart, vehicle, driver, cargo, feePayer");
        }
        return changeable(caller, id, ifMatch).chain(current -> gates.require(current.gateCode())
                .chain(gate -> apply(caller, gate, current, ifMatch, request, 1)));
    }

    /** The declaration if the caller may change it, is at the expected version and not yet checked in. */
    public Uni<Declaration> changeable(Caller caller, UUID id, Integer ifMatch) {
        return declarations.visible(caller, id).map(d -> {
            if (!Access.canChange(caller, d)) {
                throw Problems.notFound("declaration " + id);
            }
            if (ifMatch != null && ifMatch != d.version()) {
                throw Versions.stale(d.version());
            }
            if (!d.status().amendable()) {
                throw Transitions.notAllowed(d, "changed");
            }
            return d;
        });
    }

    private Uni<Declaration> apply(Caller caller, Gate gate, Declaration current, int version, AmendRequest r, int attempt) {
        if (!AdmissionSteps.mayClaim(attempt)) {
            return Uni.createFrom().failure(AdmissionSteps.tooManyAttempts(config.retryAfterSeconds()));
        }
        List<FieldError> errors = new ArrayList<>(DeclarationValidator.validateParts(r.vehicle(), r.driver(), r.cargo(), r.feePayer()));
        Slot requestedSlot = current.slot();
        Optional<FieldError> outOfRange = Times.outOfRange("slotStart", r.slotStart());
        outOfRange.ifPresent(errors::add);
        if (outOfRange.isEmpty() && r.slotStart() != null && !r.slotStart().toInstant().equals(current.slot().start().toInstant())) {
            schedule.requireOpen(gate, r.slotStart());
            String refusal = schedule.refusal(gate, r.slotStart()).orElse(null);
            if (refusal != null) {
                errors.add(new FieldError("slotStart", refusal));
            } else {
                requestedSlot = schedule.find(gate, r.slotStart()).orElseThrow();
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        Slot newSlot = requestedSlot;
        Declaration amended = current
                .withParts(r.vehicle() == null ? current.plateKey() : Drafts.plateKey(r.vehicle()),
                        r.vehicle() == null ? current.vehicle() : Drafts.vehicle(r.vehicle()),
                        r.driver() == null ? current.driverPhone() : Drafts.phone(r.driver()),
                        r.driver() == null ? current.driver() : Drafts.driver(r.driver()),
                        r.cargo() == null ? current.cargo() : Drafts.cargo(r.cargo()),
                        r.feePayer() == null ? current.feePayer() : Drafts.feePayer(r.feePayer()))
                .withSlot(newSlot, current.queueNumber());
        boolean slotMoved = !newSlot.equals(current.slot());
        boolean truckChanged = !amended.plateKey().equals(current.plateKey());
        // A new slot or new cargo is judged by the gate's border rules as a new declaration would be; a change of
        // driver or truck alone is not (the trip already stands).
        if (slotMoved || r.cargo() != null) {
            BorderRuleChecks.refusal(gate, amended.direction(), amended.cargo().category(), amended.cargo().hsCode(),
                    newSlot.start(), clock.instant()).ifPresent(refusal -> { throw refusal; });
        }
        if (!slotMoved && !truckChanged) {
            return write(caller, current, amended, version, null);
        }
        boolean dayChanged = !newSlot.day().equals(current.slot().day());
        LedgerKey newKey = new LedgerKey(gate.code, newSlot.day());
        Claim.Purpose purpose = dayChanged ? Claim.Purpose.MOVE_TO_ANOTHER_DAY : Claim.Purpose.MOVE_WITHIN_DAY;
        return claims.claim(newKey, new Holding(current.id(), current.direction(), slotMoved ? newSlot : null,
                        current.taxCode(), amended.plateKey()), config.firmQuota(gate.code), purpose, null, () -> { })
                .chain(claim -> {
                    if (claim == null) {
                        return movedWithoutLedger(caller, gate, current, amended, version);
                    }
                    AdmissionSteps.Next next = AdmissionSteps.afterClaim(purpose, claim.outcome(), gate, amended,
                            config.firmQuota(gate.code), config.retryAfterSeconds());
                    return switch (next.action()) {
                        case WRITE -> moved(caller, gate, current,
                                slotMoved ? amended.withSlot(newSlot, claim.queueNumber()) : amended,
                                version, claim, slotMoved, dayChanged, r, attempt);
                        case REBUILD_AND_RETRY -> rebuild.rebuildIfMissing(gate, newKey.day())
                                .chain(() -> apply(caller, gate, current, version, r, attempt + 1));
                        case SLOT_FULL -> slotFullAnswers.refuse(gate, amended.direction(), amended.slot());
                        // Only new bookings are told their place is already held (see claim.lua).
                        case REFUSE -> Uni.createFrom().failure(next.refusal());
                    };
                });
    }

    /** The move decided by PostgreSQL alone while Redis is away ({@link FallbackBooking#move}). */
    private Uni<Declaration> movedWithoutLedger(Caller caller, Gate gate, Declaration current, Declaration amended,
                                                int version) {
        return fallback.move(gate, current, amended, config.firmQuota(gate.code),
                        (conn, placed, epoch) -> write(conn, caller, current, placed, version, epoch))
                .onFailure(Refusals::isPlateTaken).transform(e -> Refusals.vehicleAlreadyBooked(amended))
                .chain(stored -> stored != null ? Uni.createFrom().item(stored)
                        : changeable(caller, current.id(), version).map(fresh -> {
                            throw Versions.stale(fresh.version());
                        }));
    }

    private Uni<Declaration> moved(Caller caller, Gate gate, Declaration current, Declaration amended, int version,
                                   Claim claim, boolean slotMoved, boolean dayChanged, AmendRequest r, int attempt) {
        LedgerKey newKey = new LedgerKey(gate.code, amended.slot().day());
        LedgerKey oldKey = new LedgerKey(gate.code, current.slot().day());
        boolean truckChanged = !amended.plateKey().equals(current.plateKey());
        // What moved: the place if the slot changed, a quota unit if the day did, the truck's day if either
        // the truck or the day did. The claim took these in the new ledger; the old one gives them back.
        Set<Holding.Part> moving = Holding.Part.of(slotMoved, dayChanged, truckChanged || dayChanged);
        Uni<Void> undoClaim = ledger.release(newKey, amended.holding(), moving, claim.epoch())
                .onFailure().recoverWithNull().replaceWithVoid();
        return transactions.run(conn -> SlotStatements.lockGateDayShared(conn, newKey)
                        .chain(() -> write(conn, caller, current, amended, version, claim.epoch())))
                .onFailure().call(() -> undoClaim)
                .onFailure(Refusals::isPlateTaken).transform(e -> Refusals.vehicleAlreadyBooked(amended))
                .chain(stored -> {
                    if (stored == null) {
                        // Version moved on, or the ledger was replaced: decide which from the row itself.
                        return undoClaim.chain(() -> ledger.invalidate(newKey, claim.epoch()).onFailure().recoverWithNull())
                                .chain(() -> changeable(caller, current.id(), version))
                                .chain(fresh -> apply(caller, gate, fresh, version, r, attempt + 1));
                    }
                    // Committed: give back the old place (same day: only if the ledger is still the one we
                    // claimed in; another day: only if that ledger still counts this declaration).
                    return ledger.release(oldKey, current.holding(), moving, dayChanged ? null : claim.epoch())
                            .onFailure().call(() -> cancellation.repairLedger(oldKey))
                            .onFailure().recoverWithNull()
                            .replaceWith(stored);
                });
    }

    private Uni<Declaration> write(Caller caller, Declaration current, Declaration amended, int version, String epoch) {
        return transactions.run(conn -> write(conn, caller, current, amended, version, epoch))
                .chain(stored -> stored != null ? Uni.createFrom().item(stored)
                        // Changed meanwhile: re-reading names the reason (412 stale version or 409 state).
                        : changeable(caller, current.id(), version).map(fresh -> {
                            throw Versions.stale(fresh.version());
                        }));
    }

    private Uni<Declaration> write(SqlConnection conn, Caller caller, Declaration current,
                                   Declaration amended, int version, String epoch) {
        return repository.updateParts(conn, amended, version, epoch)
                .call(stored -> stored == null ? Uni.createFrom().voidItem()
                        : audit.append(conn, DeclarationEvent.of(current.id(), "AMENDED", current.status().name(),
                        current.status().name(), caller.subject(), caller.role(), current.gateCode(), null,
                        changes(current, stored))));
    }

    private static Map<String, Object> changes(Declaration before, Declaration after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        if (!before.slot().equals(after.slot())) {
            changed.put("slotStart", Map.of("from", Times.iso(before.slot().start()), "to", Times.iso(after.slot().start())));
        }
        if (!Objects.equals(before.vehicle(), after.vehicle())) {
            changed.put("vehicle", Map.of("fromPlate", before.vehicle().plate(), "toPlate", after.vehicle().plate()));
        }
        if (!Objects.equals(before.driver(), after.driver())) {
            changed.put("driver", "changed");
        }
        if (!Objects.equals(before.cargo(), after.cargo())) {
            changed.put("cargo", "changed");
        }
        return changed;
    }
}
