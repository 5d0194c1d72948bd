package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.common.DatabaseOutage;
import vn.bordergate.common.ProblemException;
import vn.bordergate.common.Problems;
import vn.bordergate.common.Times;
import vn.bordergate.gate.Gate;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotAvailability;
import vn.bordergate.slot.SlotLedger;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Admits a new declaration into a slot: the atomic Redis claim, then the PostgreSQL insert fenced by the
 * ledger epoch, committed before anyone hears "yes". When Redis is unreachable, {@link FallbackBooking}
 * decides in PostgreSQL instead.
 */
@ApplicationScoped
class Booking {

    static final int MAX_ATTEMPTS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final SlotLedger ledger;
    private final LedgerRebuild rebuild;
    private final SlotAvailability availability;
    private final DeclarationRepository declarations;
    private final AuditTrail audit;
    private final AdmissionConfig config;
    private final FallbackBooking fallback;
    private final LiveEvents live;

    public Booking(SlotLedger ledger, LedgerRebuild rebuild, SlotAvailability availability,
                   DeclarationRepository declarations, AuditTrail audit, AdmissionConfig config,
                   FallbackBooking fallback, LiveEvents live) {
        this.live = live;
        this.ledger = ledger;
        this.rebuild = rebuild;
        this.availability = availability;
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
        return admit(gate, draft.withSlot(slot, 0), caller, idempotency, 1)
                .onFailure(e -> isSlotFull(e) && index + 1 < candidates.size())
                .recoverWithUni(() -> tryCandidate(gate, draft, candidates, index + 1, caller, idempotency));
    }

    private Uni<Declaration> admit(Gate gate, Declaration draft, Caller caller,
                                   IdempotencyStore.Key idempotency, int attempt) {
        if (attempt > MAX_ATTEMPTS) {
            return Uni.createFrom().failure(Problems.unavailable("the slot ledger is being rebuilt; retry shortly",
                    config.retryAfterSeconds()));
        }
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        int quota = config.firmQuota(gate.code);
        UUID claimAttempt = UUID.randomUUID();
        return ledger.claim(key, draft.holding(), quota, Claim.Purpose.NEW_BOOKING, claimAttempt)
                .ifNoItem().after(config.redisTimeout()).fail()
                // A slow answer means Redis (or this instance) is overloaded: deciding in PostgreSQL under a
                // gate-day lock would only add to it, so the firm retries shortly instead.
                .onFailure(TimeoutException.class).call(e -> giveBack(key, draft, null, claimAttempt))
                .onFailure(TimeoutException.class).transform(e -> Problems.unavailable(
                        "the admission service is busy; retry shortly", config.retryAfterSeconds()))
                .onFailure(e -> !(e instanceof ProblemException)).recoverWithItem(e -> {
                    Log.warnf("slot ledger unreachable (%s); deciding in PostgreSQL", e.toString());
                    return null;
                })
                .chain(claim -> {
                    if (claim == null) {
                        return fallback.book(gate, draft, quota, caller, idempotency);
                    }
                    return switch (claim.outcome()) {
                        case ADMITTED, HELD -> insert(gate, draft.withSlot(draft.slot(), claim.queueNumber()), claim,
                                claimAttempt, caller, idempotency, attempt);
                        case HELD_ELSEWHERE -> Uni.createFrom().failure(Problems.unavailable("an earlier request with "
                                + "this Idempotency-Key is still being booked; retry shortly for its answer",
                                config.retryAfterSeconds()));
                        case LEDGER_MISSING -> rebuild.rebuildIfMissing(gate, key.day())
                                .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1));
                        case SLOT_FULL -> slotFull(gate, draft);
                        case QUOTA_EXCEEDED -> Uni.createFrom().failure(quotaExceeded(gate, draft, quota));
                        case VEHICLE_ALREADY_BOOKED -> Uni.createFrom().failure(vehicleAlreadyBooked(draft));
                    };
                });
    }

    private Uni<Declaration> insert(Gate gate, Declaration draft, Claim claim, UUID claimAttempt, Caller caller,
                                    IdempotencyStore.Key idempotency, int attempt) {
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        DeclarationEvent declared = declared(draft, caller);
        AuditTrail.PreparedFirst first = audit.prepareFirst(declared);
        Uni<Declaration> committed = declarations.book(draft, referencePrefix(gate, draft), claim.epoch(),
                        new DeclarationRepository.ChainedEvent(declared.actor(), declared.actorRole(), first.details(),
                                first.occurredAt(), first.previousHash(), first.hash()), idempotency)
                // Announced without waiting: live followers are told, but the firm's answer does not wait for them.
                .invoke(booked -> {
                    if (booked != null) {
                        live.publish(List.of(new LiveEvent(booked.eventSequence(), draft.id(), draft.gateCode(),
                                declared.type(), null, DeclarationStatus.BOOKED.name(), null, first.occurredAt())))
                                .subscribe().with(ignored -> { }, ignored -> { });
                    }
                })
                .map(booked -> booked == null ? null : booked.declaration());
        return committed
                .onFailure().call(e -> afterFailedWrite(key, draft, claim, claimAttempt, e))
                .onFailure(Booking::isPlateTaken).transform(e -> vehicleAlreadyBooked(draft))
                .onFailure(DatabaseOutage::any).transform(e -> DatabaseOutage.unavailable())
                .chain(stored -> {
                    if (stored != null) {
                        return Uni.createFrom().item(stored);
                    }
                    // The ledger that admitted us was replaced meanwhile: give the claim back and ask again.
                    return (claim.countedAPlace() ? giveBack(key, draft, claim.epoch(), claimAttempt) : Uni.createFrom().voidItem())
                            .chain(() -> ledger.invalidate(key, claim.epoch()).onFailure().recoverWithNull())
                            .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1));
                });
    }

    /**
     * Decides what a claim becomes when its row was not confirmed. A place is given back only when no row
     * can hold it: not when the same declaration's row exists (a twin request wrote it), and not when the
     * connection died under the statement (it may have committed) — then the ledger is dropped instead,
     * so the next claim recounts it from PostgreSQL.
     */
    private Uni<Void> afterFailedWrite(LedgerKey key, Declaration draft, Claim claim, UUID claimAttempt, Throwable failure) {
        if (DatabaseOutage.outcomeUnknown(failure)) {
            Log.warnf("booking %s lost its database connection mid-write; its ledger is recounted", draft.id());
            return ledger.invalidate(key, claim.epoch()).onFailure().recoverWithNull();
        }
        if (!claim.countedAPlace() || isSameDeclarationWritten(failure)) {
            return Uni.createFrom().voidItem();
        }
        return giveBack(key, draft, claim.epoch(), claimAttempt);
    }

    /**
     * Gives back the place {@code claimAttempt} counted, if it did: a claim that timed out may or may not
     * have been applied, and a twin request of the same booking never counted one. Anything left over is
     * healed by the ledger check, which rebuilds a ledger whose counts stay different from PostgreSQL's.
     */
    private Uni<Void> giveBack(LedgerKey key, Declaration draft, String epoch, UUID claimAttempt) {
        return ledger.giveBack(key, draft.holding(), epoch, claimAttempt)
                .onFailure().invoke(e -> Log.warnf("could not give back the claim of %s: %s", draft.id(), e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A 409 slot-full naming the next slots that still have room. */
    Uni<Declaration> slotFull(Gate gate, Declaration draft) {
        return availability.nextWithRoom(gate, draft.direction(), draft.slot(), 3)
                .onFailure().recoverWithItem(List.of())
                .chain(alternatives -> Uni.createFrom().failure(Problems.conflict("slot-full", "Slot is full",
                                "the " + draft.direction() + " slot starting " + draft.slot().start() + " at " + gate.code
                                        + " has no place left")
                        .with("alternatives", alternatives)));
    }

    static ProblemException quotaExceeded(Gate gate, Declaration draft, int quota) {
        return Problems.conflict("quota-exceeded", "Daily quota exceeded",
                "firm " + draft.taxCode() + " already holds " + quota + " bookings at " + gate.code + " on "
                        + draft.slot().day() + ", the most one firm may hold per gate and day");
    }

    static ProblemException vehicleAlreadyBooked(Declaration draft) {
        return Problems.conflict("vehicle-already-booked", "Vehicle already booked",
                "truck " + draft.vehicle().plate() + " already has an active booking on " + draft.slot().day()
                        + "; amend or cancel that booking instead");
    }

    static DeclarationEvent declared(Declaration d, Caller caller) {
        return DeclarationEvent.of(d.id(), "DECLARED", null, DeclarationStatus.BOOKED.name(), caller.subject(),
                caller.role(), d.gateCode(), null,
                Map.of("slotStart", Times.iso(d.slot().start()), "queueNumber", d.queueNumber()));
    }

    static String referencePrefix(Gate gate, Declaration draft) {
        return gate.referencePrefix + "-" + draft.slot().day().format(DAY) + "-";
    }

    static boolean isSlotFull(Throwable e) {
        return e instanceof ProblemException p && "slot-full".equals(p.type());
    }

    /** The row of this very declaration exists already: a twin request with the same key and body wrote it. */
    static boolean isSameDeclarationWritten(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "declarations_pkey".equals(pg.getConstraint());
    }

    static boolean isPlateTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "declarations_one_active_per_plate_day".equals(pg.getConstraint());
    }
}
