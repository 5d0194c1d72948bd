package vn.bordergate.declaration.admission;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.SlotLedger;

import java.util.UUID;

/**
 * The one way a place is claimed in a Redis ledger, for a new booking or an amendment, and the one policy
 * when Redis does not answer (ARCHITECTURE.md, "What if Redis is down"): slower than {@code redis-timeout}
 * from the send, the caller's give-back starts and the firm hears 503 at once; unreachable, the answer is
 * null and the caller decides in PostgreSQL ({@link FallbackBooking}). Stateless: each path holds its own.
 */
public final class SlotClaims {

    private final SlotLedger ledger;
    private final AdmissionConfig config;

    public SlotClaims(SlotLedger ledger, AdmissionConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * The ledger's answer to the claim of {@code holding} in {@code key}; null when Redis is unreachable.
     * {@code giveBack} undoes whatever a claim that answered too late may have counted (or withdraws it).
     */
    public Uni<Claim> claim(LedgerKey key, Holding holding, int quota, Claim.Purpose purpose, UUID attempt,
                            Runnable giveBack) {
        return ledger.claim(key, holding, quota, purpose, attempt)
                // Redis itself is timed from the moment the claim is sent (SlotLedger); this only bounds the wait
                // for a pooled connection, as long again.
                .ifNoItem().after(config.redisTimeout().multipliedBy(2)).fail()
                .onFailure().recoverWithUni(e -> switch (AdmissionSteps.noAnswer(e)) {
                    case GIVE_BACK_AND_REFUSE -> {
                        // The firm hears at once; the give-back goes on without it.
                        giveBack.run();
                        yield Uni.createFrom().failure(AdmissionSteps.busy(config.retryAfterSeconds()));
                    }
                    case DECIDE_IN_POSTGRESQL -> {
                        Log.warnf("slot ledger unreachable (%s); %s decided in PostgreSQL", e.toString(), purpose);
                        yield Uni.createFrom().nullItem();
                    }
                    case PASS_ON -> Uni.createFrom().failure(e);
                });
    }
}
