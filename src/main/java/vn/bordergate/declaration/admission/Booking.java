package vn.bordergate.declaration.admission;


import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.gate.Gate;
import vn.bordergate.common.TracedSteps;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.FullSlots;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotLedger;

import java.util.List;
import java.util.UUID;

/**
 * Admits a new declaration into a slot: the atomic Redis claim, then the PostgreSQL insert fenced by the
 * ledger epoch, committed before anyone hears "yes". When Redis is unreachable, {@link FallbackBooking}
 * decides in PostgreSQL instead.
 */
@ApplicationScoped
public class Booking {

    private final SlotFullAnswers slotFullAnswers;
    private final SlotLedger ledger;
    private final SlotClaims claims;
    private final LedgerRebuild rebuild;
    private final BookingStatements declarations;
    private final AuditTrail audit;
    private final AdmissionConfig config;
    private final FallbackBooking fallback;
    private final LiveEvents live;
    private final FullSlots fullSlots;
    private final PendingGiveBacks pendingGiveBacks;
    private final TracedSteps steps;

    public Booking(SlotLedger ledger, LedgerRebuild rebuild, SlotFullAnswers slotFullAnswers,
                   BookingStatements declarations, AuditTrail audit, AdmissionConfig config,
                   FallbackBooking fallback, LiveEvents live, FullSlots fullSlots, PendingGiveBacks pendingGiveBacks,
                   TracedSteps steps) {
        this.live = live;
        this.steps = steps;
        this.pendingGiveBacks = pendingGiveBacks;
        this.fullSlots = fullSlots;
        this.ledger = ledger;
        this.claims = new SlotClaims(ledger, config);
        this.rebuild = rebuild;
        this.slotFullAnswers = slotFullAnswers;
        this.declarations = declarations;
        this.audit = audit;
        this.config = config;
        this.fallback = fallback;
    }

    /**
     * Books {@code draft} into the first of {@code candidates} that has room. With one candidate (the slot
     * the firm asked for) a full slot is a 409 with alternatives; with several, the next one is tried.
     * The idempotency record is written with the declaration, so the answer and the row commit together.
     */
    public Uni<Declaration> book(Gate gate, Declaration draft, List<Slot> candidates, Caller caller,
                                 IdempotencyStore.Key idempotency) {
        return tryCandidate(gate, draft, candidates, 0, caller, idempotency);
    }

    private Uni<Declaration> tryCandidate(Gate gate, Declaration draft, List<Slot> candidates, int index, Caller caller,
                                          IdempotencyStore.Key idempotency) {
        Slot slot = candidates.get(index);
        return admit(gate, draft.withSlot(slot, 0), caller, idempotency, 1, false)
                .onFailure(e -> AdmissionSteps.tryNextCandidate(e, index, candidates.size()))
                .recoverWithUni(() -> tryCandidate(gate, draft, candidates, index + 1, caller, idempotency));
    }

    /**
     * Claims a place for {@code draft} and writes its row. {@code askedAgain}: this request was already told
     * "full" once while give-backs were pending, and asks no third time.
     */
    private Uni<Declaration> admit(Gate gate, Declaration draft, Caller caller,
                                   IdempotencyStore.Key idempotency, int attempt, boolean askedAgain) {
        if (!AdmissionSteps.mayClaim(attempt)) {
            return Uni.createFrom().failure(AdmissionSteps.tooManyAttempts(config.retryAfterSeconds()));
        }
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        int quota = config.firmQuota(gate.code);
        UUID claimAttempt = UUID.randomUUID();
        return steps.step("slot claim", "redis", () -> claims.claim(key, draft.holding(), quota, Claim.Purpose.NEW_BOOKING,
                        claimAttempt, () -> giveBack(key, draft, null, claimAttempt).subscribe().with(ignored -> { }, ignored -> { })))
                .chain(claim -> {
                    if (claim == null) {
                        return fallback.book(gate, draft, quota, caller, idempotency);
                    }
                    AdmissionSteps.Next next = AdmissionSteps.afterClaim(Claim.Purpose.NEW_BOOKING, claim.outcome(),
                            gate, draft, quota, config.retryAfterSeconds());
                    return switch (next.action()) {
                        case WRITE -> insert(gate, draft.withSlot(draft.slot(), claim.queueNumber()), claim,
                                claimAttempt, caller, idempotency, attempt);
                        case REBUILD_AND_RETRY -> rebuild.rebuildIfMissing(gate, key.day())
                                .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1, askedAgain));
                        case SLOT_FULL -> !askedAgain && mayStillFreeAPlace(key, claim)
                                ? pendingGiveBacks.settled(key, config.redisTimeout())
                                        .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1, true))
                                : slotFull(gate, draft);
                        case REFUSE -> Uni.createFrom().failure(next.refusal());
                    };
                });
    }

    private Uni<Declaration> insert(Gate gate, Declaration draft, Claim claim, UUID claimAttempt, Caller caller,
                                    IdempotencyStore.Key idempotency, int attempt) {
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        DeclarationEvent declared = BookingStatements.declared(draft, caller);
        AuditTrail.PreparedFirst first = audit.prepareFirst(declared);
        Uni<Declaration> committed = steps.step("booking write", "postgresql", () -> declarations.book(draft,
                        BookingStatements.referencePrefix(gate, draft), claim.epoch(),
                        new BookingStatements.ChainedEvent(declared.actor(), declared.actorRole(), first.details(),
                                first.occurredAt(), first.previousHash(), first.hash()), idempotency))
                // Announced without waiting: live followers are told, but the firm's answer does not wait for them.
                .invoke(booked -> {
                    if (booked != null) {
                        steps.step("live event", "redis", () -> live.publish(List.of(new LiveEvent(booked.eventSequence(),
                                        draft.id(), draft.gateCode(), declared.type(), null, DeclarationStatus.BOOKED.name(),
                                        null, first.occurredAt()))))
                                .subscribe().with(ignored -> { }, ignored -> { });
                    }
                })
                .map(booked -> booked == null ? null : booked.declaration());
        return committed
                .onFailure().call(e -> afterFailedWrite(key, draft, claim, claimAttempt, e))
                .onFailure().transform(e -> AdmissionSteps.writeRefusal(e, draft))
                .chain(stored -> {
                    if (stored != null) {
                        return Uni.createFrom().item(stored);
                    }
                    // The ledger that admitted us was replaced meanwhile: give the claim back and ask again.
                    return (AdmissionSteps.afterFencedOut(claim) == AdmissionSteps.Unwritten.GIVE_BACK
                            ? giveBack(key, draft, claim.epoch(), claimAttempt) : Uni.createFrom().voidItem())
                            .chain(() -> ledger.invalidate(key, claim.epoch()).onFailure().recoverWithNull())
                            .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1, false));
                });
    }

    /**
     * Whether a "full" answer may be untrue by the time the firm would hear it: give-backs of this instance
     * are still on their way to the ledger, or one landed after the claim was sent.
     */
    private boolean mayStillFreeAPlace(LedgerKey key, Claim claim) {
        return pendingGiveBacks.any(key) || !fullSlots.sentAfterLastChange(key, claim.sentAt());
    }

    /** Does what {@link AdmissionSteps#afterFailedWrite} decides for a claim whose row was not confirmed. */
    private Uni<Void> afterFailedWrite(LedgerKey key, Declaration draft, Claim claim, UUID claimAttempt, Throwable failure) {
        return switch (AdmissionSteps.afterFailedWrite(claim, failure)) {
            case RECOUNT -> {
                Log.warnf("booking %s lost its database connection mid-write; its ledger is recounted", draft.id());
                yield ledger.invalidate(key, claim.epoch()).onFailure().recoverWithNull();
            }
            case KEEP -> Uni.createFrom().voidItem();
            case GIVE_BACK -> giveBack(key, draft, claim.epoch(), claimAttempt);
        };
    }

    /**
     * Gives back the place {@code claimAttempt} counted, if it did: a claim that timed out may or may not
     * have been applied, and a twin request of the same booking never counted one. Anything left over is
     * healed by the ledger check, which rebuilds a ledger whose counts stay different from PostgreSQL's.
     */
    private Uni<Void> giveBack(LedgerKey key, Declaration draft, String epoch, UUID claimAttempt) {
        return pendingGiveBacks.track(key, ledger.giveBack(key, draft.holding(), epoch, claimAttempt)
                .onFailure().invoke(e -> Log.warnf("could not give back the claim of %s: %s", draft.id(), e))
                .onFailure().recoverWithNull().replaceWithVoid());
    }

    /**
     * Refuses at once a booking for the slot it names when this instance knows that slot is full: no claim,
     * no place among the bookings in flight, no PostgreSQL. Only when the ledger says the truck holds nothing
     * that day: a retry of a booking that succeeded goes on, to be answered its 201. When the ledger cannot
     * say (missing, rebuilt, Redis slow or down), the booking goes on too and is decided as usual.
     */
    public Uni<Void> refuseIfKnownFull(Gate gate, Declaration draft, List<Slot> candidates) {
        if (candidates.size() != 1) {
            return Uni.createFrom().voidItem();
        }
        Slot slot = candidates.get(0);
        LedgerKey key = new LedgerKey(gate.code, slot.day());
        if (!fullSlots.knownFull(key, LedgerKey.slotField(draft.direction(), slot))) {
            return Uni.createFrom().voidItem();
        }
        return ledger.truckMayHoldTheDay(key, draft.plateKey())
                .ifNoItem().after(config.redisTimeout()).recoverWithItem(true)
                .onFailure().recoverWithItem(true)
                .chain(mayHold -> mayHold ? Uni.createFrom().voidItem()
                        : slotFull(gate, draft.withSlot(slot, 0)).replaceWithVoid());
    }

    /** A 409 slot-full naming the next slots that still have room ({@link SlotFullAnswers}). */
    public Uni<Declaration> slotFull(Gate gate, Declaration draft) {
        return slotFullAnswers.refuse(gate, draft.direction(), draft.slot());
    }
}
