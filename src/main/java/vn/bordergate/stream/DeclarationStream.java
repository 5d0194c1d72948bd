package vn.bordergate.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The status events of one declaration: those after {@code lastSeen} replayed from PostgreSQL, then live
 * ones. Live events are buffered while the replay runs, and any already replayed are dropped, so a
 * reconnecting client misses nothing and sees nothing twice.
 */
@ApplicationScoped
class DeclarationStream {

    static final Set<String> END_STATES = Set.of("EXITED", "CANCELLED", "NO_SHOW", "REJECTED");

    private final AuditTrail audit;
    private final LiveEvents live;

    public DeclarationStream(AuditTrail audit, LiveEvents live) {
        this.audit = audit;
        this.live = live;
    }

    public Multi<StatusUpdate> updates(UUID declarationId, long lastSeen, Language language) {
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            List<LiveEvent> buffered = new ArrayList<>();
            long[] last = {lastSeen};
            boolean[] replaying = {true};
            Cancellable liveSubscription = live.stream()
                    .filter(e -> e.declarationId().equals(declarationId) && e.changesStatus())
                    .subscribe().with(e -> {
                        synchronized (lock) {
                            if (replaying[0]) {
                                buffered.add(e);
                            } else if (e.sequence() > last[0]) {
                                last[0] = e.sequence();
                                emit(emitter, update(e, language));
                            }
                        }
                    }, emitter::fail);
            emitter.onTermination(liveSubscription::cancel);
            audit.of(declarationId).subscribe().with(history -> {
                synchronized (lock) {
                    for (DeclarationEvent e : history) {
                        LiveEvent event = LiveEvent.of(e);
                        if (event.changesStatus() && event.sequence() > last[0]) {
                            last[0] = event.sequence();
                            emit(emitter, update(event, language));
                        }
                    }
                    for (LiveEvent e : buffered) {
                        if (e.sequence() > last[0]) {
                            last[0] = e.sequence();
                            emit(emitter, update(e, language));
                        }
                    }
                    buffered.clear();
                    replaying[0] = false;
                }
            }, emitter::fail);
        });
    }

    /** Emits an update; after an end state there is nothing more to follow, so the stream completes. */
    private static void emit(MultiEmitter<? super StatusUpdate> emitter, StatusUpdate update) {
        emitter.emit(update);
        if (END_STATES.contains(update.status())) {
            emitter.complete();
        }
    }

    static StatusUpdate update(LiveEvent e, Language language) {
        return new StatusUpdate(e.sequence(), e.declarationId(), e.type(), e.fromStatus(), e.toStatus(),
                Texts.status(e.toStatus(), language), e.reason(), e.occurredAt());
    }
}
