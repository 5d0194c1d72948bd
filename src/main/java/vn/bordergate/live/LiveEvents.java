package vn.bordergate.live;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;

/**
 * Fans committed events out to live subscribers on every instance: each instance publishes on one Redis
 * channel and listens to it, so an event produced anywhere reaches SSE clients connected anywhere.
 * Pub/sub may drop messages while an instance is disconnected; streams replay from PostgreSQL on resume.
 */
@ApplicationScoped
public class LiveEvents {

    static final String CHANNEL = "bg:events";

    private final ReactivePubSubCommands<LiveEvent> pubsub;
    private final BroadcastProcessor<LiveEvent> local = BroadcastProcessor.create();
    private volatile Cancellable subscription;

    public LiveEvents(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(LiveEvent.class);
    }

    void listen(@Observes StartupEvent start) {
        subscription = Multi.createFrom().deferred(() -> pubsub.subscribe(CHANNEL))
                .onFailure().invoke(e -> Log.warnf("live events channel lost (%s); resubscribing", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(local::onNext);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Every event committed on any instance, from now on. */
    public Multi<LiveEvent> stream() {
        return local;
    }

    /** Announces events after their transaction committed; with Redis down, at least this instance hears them. */
    public Uni<Void> publish(List<LiveEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> pubsub.publish(CHANNEL, e)
                        .onFailure().invoke(error -> local.onNext(e))
                        .onFailure().recoverWithNull())
                .collect().asList()
                .onFailure().invoke(e -> Log.warnf("live events not published: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
