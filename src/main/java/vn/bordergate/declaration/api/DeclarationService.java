package vn.bordergate.declaration.api;

import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.Access;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.BorderRuleChecks;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.declaration.Drafts;
import vn.bordergate.declaration.admission.Booking;
import vn.bordergate.declaration.admission.BookingMetrics;
import vn.bordergate.declaration.admission.SlotFull;
import vn.bordergate.declaration.admission.SlotFullAnswers;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.RunToEnd;
import vn.bordergate.http.Times;
import vn.bordergate.declaration.DeclarationValidator;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotAvailability;
import vn.bordergate.slot.SlotSchedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Declaring trucks, one or a batch, with idempotent retries; and finding declarations one may see. */
@ApplicationScoped
public class DeclarationService {

    public static final int MAX_BATCH = 100;
    /** Refusals that a retry of the same request may not meet: never replayed under its Idempotency-Key. */
    static final java.util.Set<String> MAY_CHANGE = java.util.Set.of("slot-full", "booking-not-open", "gate-inactive",
            "outside-declaration-window", "category-stopped");

    private final GateCatalog gates;
    private final SlotSchedule schedule;
    private final SlotAvailability availability;
    private final Booking booking;
    private final IdempotencyStore idempotency;
    private final DeclarationRepository declarations;
    private final BookingMetrics metrics;
    private final Clock clock;
    private final DeclarationFees fees;

    public DeclarationService(GateCatalog gates, SlotSchedule schedule, SlotAvailability availability, Booking booking,
                              IdempotencyStore idempotency, DeclarationRepository declarations, BookingMetrics metrics,
                              Clock clock, DeclarationFees fees) {
        this.gates = gates;
        this.schedule = schedule;
        this.availability = availability;
        this.booking = booking;
        this.idempotency = idempotency;
        this.declarations = declarations;
        this.metrics = metrics;
        this.clock = clock;
        this.fees = fees;
    }

    /** One result of a batch: the declaration, or the refusal of that item alone. */
    public record ItemResult(int index, DeclarationView declaration, ProblemException problem) {
    }

    public Uni<DeclarationView> declare(Caller caller, DeclarationRequest request, String idempotencyKey) {
        IdempotencyStore.requireKey(idempotencyKey);
        return declareUnder(caller, request, idempotencyKey);
    }

    /** Declares under a stored key already checked: the client's own, or one a batch derived for an item. */
    private Uni<DeclarationView> declareUnder(Caller caller, DeclarationRequest request, String idempotencyKey) {
        String owner = Access.requireTaxCode(caller);
        String hash = idempotency.hash(request);
        String gate = request == null ? null : request.gateCode();
        return book(caller, request, owner, idempotencyKey, hash)
                .invoke(view -> metrics.accepted(view.gateCode()))
                .onFailure().invoke(e -> metrics.refused(gate, e));
    }

    /** Each item is admitted or refused on its own, in the order given; one result per item. */
    public Uni<List<ItemResult>> declareBatch(Caller caller, List<DeclarationRequest> items, String idempotencyKey) {
        IdempotencyStore.requireKey(idempotencyKey);
        Access.requireTaxCode(caller);
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
            throw Problems.invalidField("(body)", "must be a JSON array of 1 to " + MAX_BATCH + " declarations");
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            indexes.add(i);
        }
        return Multi.createFrom().iterable(indexes)
                .onItem().transformToUniAndConcatenate(i -> declareUnder(caller, items.get(i),
                                IdempotencyStore.itemKey(idempotencyKey, i))
                        .map(view -> new ItemResult(i, view, null))
                        .onFailure().recoverWithItem(e -> new ItemResult(i, null, asProblem(e))))
                .collect().asList();
    }

    /**
     * Most requests are first attempts, so the key is not looked up before booking: a retry shows itself
     * where it collides, either as a refusal (its truck already holds the place it booked the first time)
     * or as a duplicate idempotency record, which rolls the whole booking write back. Only then is the
     * first answer read and replayed. A {@link SlotFull} refusal is the exception: it established that the
     * truck holds nothing that day, so it cannot be a lost 201, and it is neither looked up nor remembered.
     */
    private Uni<DeclarationView> book(Caller caller, DeclarationRequest request, String owner, String key, String hash) {
        IdempotencyStore.Key idempotencyKey = new IdempotencyStore.Key(owner, key, hash);
        UUID id = IdempotencyStore.declarationId(idempotencyKey, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        return prepare(caller, request, id)
                .chain(prepared -> booking.refuseIfKnownFull(prepared.gate(), prepared.draft(), prepared.candidates())
                        // Once begun, a booking runs to its end even if the client leaves: a claim cut off
                        // half-way would hold a place (and the truck) that no row holds.
                        .chain(() -> RunToEnd.detached(booking.book(prepared.gate(), prepared.draft(),
                                prepared.candidates(), caller, idempotencyKey))))
                .chain(fees::view)
                .onFailure(IdempotencyStore::isDuplicate).recoverWithUni(() -> idempotency.find(owner, key)
                        .chain(answer -> answer != null ? replay(answer, hash)
                                // The key's answer was purged (bordergate.retention), but the declaration its
                                // key and body name exists: that is the answer.
                                : declarations.find(id).chain(fees::view)))
                .onFailure(DeclarationService::mayBeRetry).recoverWithUni(refusal -> idempotency.find(owner, key)
                        .chain(answer -> answer != null ? replay(answer, hash) : remember(owner, key, hash, refusal)));
    }

    /** A refusal that may be the retry of an earlier request under the same key, whose answer then stands. */
    private static boolean mayBeRetry(Throwable e) {
        return e instanceof ProblemException p && (p.status() == 409 || p.status() == 503) && !(e instanceof SlotFull);
    }

    /**
     * A first refusal: a 409 that holds whenever the same request is sent again (the firm's quota, the truck's
     * other booking) is remembered for retries. One that depends on the moment or on other firms is not (a
     * slot full on either path, no slot with room, a day not yet open, a gate not taking bookings): a retry
     * gets a fresh decision. Nor is a 503: the retry should get a real decision.
     */
    private Uni<DeclarationView> remember(String owner, String key, String hash, Throwable refusal) {
        ProblemException problem = (ProblemException) refusal;
        Uni<Void> stored = problem.status() == 409 && !MAY_CHANGE.contains(problem.type())
                ? idempotency.rememberRefusal(owner, key, hash, problem) : Uni.createFrom().voidItem();
        return stored.chain(() -> Uni.createFrom().failure(problem));
    }

    /** The answer first given under this key: the declaration it created (as it is now), or the refusal. */
    private Uni<DeclarationView> replay(IdempotencyStore.Answer answer, String hash) {
        return Uni.createFrom().item(() -> idempotency.replay(answer, hash))
                .chain(id -> declarations.find(id)).chain(fees::view);
    }

    private record Prepared(Gate gate, Declaration draft, List<Slot> candidates) {
    }

    private Uni<Prepared> prepare(Caller caller, DeclarationRequest request, UUID declarationId) {
        List<FieldError> errors = new ArrayList<>(DeclarationValidator.validate(request));
        return gates.find(request == null ? null : request.gateCode()).chain(gate -> {
            if (gate == null && request != null && request.gateCode() != null) {
                errors.add(new FieldError("gateCode", "is not a known gate (see GET /api/v1/gates)"));
            }
            if (gate != null && !gate.active) {
                return Uni.createFrom().failure(Problems.conflict("gate-inactive", "Gate not taking bookings",
                        "gate " + gate.code + " takes no new bookings; bookings already made keep their answer"));
            }
            Slot requested = null;
            Optional<FieldError> outOfRange = request == null ? Optional.empty() : Times.outOfRange("slotStart", request.slotStart());
            outOfRange.ifPresent(errors::add);
            if (gate != null && request.slotStart() != null && outOfRange.isEmpty()) {
                schedule.requireOpen(gate, request.slotStart());
                String refusal = schedule.refusal(gate, request.slotStart()).orElse(null);
                if (refusal != null) {
                    errors.add(new FieldError("slotStart", refusal));
                } else {
                    requested = schedule.find(gate, request.slotStart()).orElseThrow();
                }
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(Problems.validation(errors));
            }
            Declaration draft = draft(declarationId, caller, gate, request);
            if (requested != null) {
                refusedByRules(gate, request, requested).ifPresent(refusal -> { throw refusal; });
                return Uni.createFrom().item(new Prepared(gate, draft, List.of(requested)));
            }
            return availability.nextWithRoom(gate, request.direction(), null, 5)
                    .onFailure(e -> !(e instanceof ProblemException))
                    .transform(e -> Problems.unavailable("no slot can be chosen automatically right now; "
                            + "name a slotStart or retry shortly", 2))
                    .map(views -> {
                        if (views.isEmpty()) {
                            throw SlotFullAnswers.noSlotWithRoom(gate, request.direction());
                        }
                        // Slots the gate's border rules refuse this truck are not offered to it.
                        List<Slot> slots = views.stream().map(v -> new Slot(v.start(), v.end()))
                                .filter(slot -> refusedByRules(gate, request, slot).isEmpty()).toList();
                        if (slots.isEmpty()) {
                            throw refusedByRules(gate, request, new Slot(views.getFirst().start(), views.getFirst().end()))
                                    .orElseThrow();
                        }
                        return new Prepared(gate, draft, slots);
                    });
        });
    }

    private Optional<ProblemException> refusedByRules(Gate gate, DeclarationRequest request, Slot slot) {
        DeclarationRequest.Cargo cargo = request.cargo();
        return BorderRuleChecks.refusal(gate, request.direction(), cargo == null ? null : cargo.category(),
                cargo == null ? null : cargo.hsCode(), slot.start(), clock.instant());
    }

    private static Declaration draft(UUID id, Caller caller, Gate gate, DeclarationRequest r) {
        return Drafts.booking(id, gate.code, r, caller.taxCode(), caller.subject());
    }

    private static ProblemException asProblem(Throwable e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        Log.error("batch item failed unexpectedly", e);
        return new ProblemException(500, "internal-error", "Internal error", "this item could not be processed; retry it");
    }
}
