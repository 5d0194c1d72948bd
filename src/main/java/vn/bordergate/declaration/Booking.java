package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
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

/**
 * Admits a new declaration into a slot: the atomic Redis claim, then the PostgreSQL insert fenced by the
 * ledger epoch, committed before anyone hears "yes". When Redis is unreachable, {@link FallbackBooking}
 * decides in PostgreSQL instead.
 */
@ApplicationScoped
public class Booking {

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
        return ledger.claim(key, draft.direction(), draft.slot(), draft.taxCode(), draft.plateKey(), draft.id(), quota, true)
                .ifNoItem().after(config.redisTimeout()).fail()
                // A slow answer means Redis (or this instance) is overloaded: deciding in PostgreSQL under a
                // gate-day lock would only add to it, so the firm retries shortly instead.
                .onFailure(TimeoutException.class).call(e -> giveBackLateClaim(key, draft))
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
                        case ADMITTED -> insert(gate, draft.withSlot(draft.slot(), claim.queueNumber()), claim, caller,
                                idempotency, attempt);
                        case LEDGER_MISSING -> rebuild.rebuild(gate, key.day())
                                .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1));
                        case SLOT_FULL -> slotFull(gate, draft);
                        case QUOTA_EXCEEDED -> Uni.createFrom().failure(quotaExceeded(gate, draft, quota));
                        case VEHICLE_ALREADY_BOOKED -> Uni.createFrom().failure(vehicleAlreadyBooked(draft));
                    };
                });
    }

    private Uni<Declaration> insert(Gate gate, Declaration draft, Claim claim, Caller caller,
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
                .onFailure().call(e -> releaseClaim(key, draft, claim))
                .onFailure(Booking::isPlateTaken).transform(e -> vehicleAlreadyBooked(draft))
                .chain(stored -> {
                    if (stored != null) {
                        return Uni.createFrom().item(stored);
                    }
                    // The ledger that admitted us was replaced meanwhile: give the claim back and ask again.
                    return releaseClaim(key, draft, claim)
                            .chain(() -> ledger.invalidate(key, claim.epoch()).onFailure().recoverWithNull())
                            .chain(() -> admit(gate, draft, caller, idempotency, attempt + 1));
                });
    }

    /**
     * A claim that timed out may still have been applied in Redis: give it back (a no-op if it was not,
     * since the truck's plate is then not held by this declaration). Anything left over is healed by
     * the ledger check, which rebuilds a ledger whose counts stay different from PostgreSQL's.
     */
    private Uni<Void> giveBackLateClaim(LedgerKey key, Declaration draft) {
        return ledger.release(key, draft.direction(), draft.slot(), draft.taxCode(), draft.plateKey(), draft.id(), true, null)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> releaseClaim(LedgerKey key, Declaration draft, Claim claim) {
        return ledger.release(key, draft.direction(), draft.slot(), draft.taxCode(), draft.plateKey(), draft.id(),
                        true, claim.epoch())
                .onFailure().invoke(e -> Log.warnf("could not release claim of %s: %s", draft.id(), e))
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

    static boolean isPlateTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "declarations_one_active_per_plate_day".equals(pg.getConstraint());
    }
}
