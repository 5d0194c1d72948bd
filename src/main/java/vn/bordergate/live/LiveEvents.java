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
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.audit.EventAnnouncer;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans committed events out to live subscribers on every instance: each instance publishes on one Redis
 * channel and listens to it, so an event produced anywhere reaches SSE clients connected anywhere.
 * <p>
 * Redis may restart or fail over under a subscription without telling it, so each instance probes its own
 * subscription: it publishes a probe every second and expects it back. When probes stop coming back the
 * subscription is made again; once it works, the events committed meanwhile are replayed from
 * PostgreSQL, so streams and boards catch up (streams drop what they already sent).
 */
@ApplicationScoped
public class LiveEvents implements EventAnnouncer {

    static final String CHANNEL = "bg:events";
    private static final String PROBE = "probe";
    private static final int REPLAY_LIMIT = 10_000;

    private final ReactivePubSubCommands<LiveEvent> pubsub;
    private final AuditTrail audit;
    private final Vertx vertx;
    private final LiveConfig config;
    private final BroadcastProcessor<LiveEvent> local = BroadcastProcessor.create();
    // Probes name their instance, so each instance counts only its own coming back.
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong lastProbeBackNanos = new AtomicLong();
    // The newest event heard on the channel: after a loss, replay starts after it. -1 until first known.
    private final AtomicLong heardUpTo = new AtomicLong(-1);
    private volatile boolean listening;
    private volatile boolean probeEverBack;
    private volatile Cancellable subscription;
    private volatile long probeTimer = -1;

    public LiveEvents(ReactiveRedisDataSource redis, AuditTrail audit, Vertx vertx, LiveConfig config) {
        this.pubsub = redis.pubsub(LiveEvent.class);
        this.audit = audit;
        this.vertx = vertx;
        this.config = config;
    }

    void listen(@Observes StartupEvent start) {
        // Counted from now: the first subscription gets the same grace as any other before it is redone.
        lastProbeBackNanos.set(System.nanoTime());
        subscribe();
        probeTimer = vertx.setPeriodic(config.subscriptionProbe().toMillis(), id -> probe());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
        }
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** Whether this instance hears the events channel now (its own probe came back recently). */
    public boolean listening() {
        return listening;
    }

    /** Whether this instance has heard its own probe on the channel at least once since it started. */
    public boolean heardOnce() {
        return probeEverBack;
    }

    /** Every event committed on any instance, from now on. */
    public Multi<LiveEvent> stream() {
        return local;
    }

    /** Announces events after their transaction committed; with Redis down, at least this instance hears them. */
    @Override
    public Uni<Void> announce(List<DeclarationEvent> committed) {
        return publish(committed.stream().map(LiveEvent::of).toList());
    }

    public Uni<Void> publish(List<LiveEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> pubsub.publish(CHANNEL, e)
                        .onFailure().invoke(error -> deliver(e))
                        .onFailure().recoverWithNull())
                .collect().asList()
                .onFailure().invoke(e -> Log.warnf("live events not published: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void subscribe() {
        subscription = Multi.createFrom().deferred(() -> pubsub.subscribe(CHANNEL))
                .subscribe().with(this::heard,
                        failure -> Log.warnf("live events channel failed (%s); the probe will subscribe again", failure.toString()),
                        () -> Log.warn("live events channel ended; the probe will subscribe again"));
    }

    private void heard(LiveEvent event) {
        if (PROBE.equals(event.type())) {
            if (instance.equals(event.gateCode())) {
                lastProbeBackNanos.set(System.nanoTime());
                probeEverBack = true;
            }
            return;
        }
        heardUpTo.accumulateAndGet(event.sequence(), Math::max);
        deliver(event);
    }

    // The channel, the catch-up and local fallbacks run on different threads; subscribers see one at a time.
    private void deliver(LiveEvent event) {
        synchronized (local) {
            local.onNext(event);
        }
    }

    /** Sends a probe, and decides from the last one that came back whether the subscription works. */
    private void probe() {
        long silentFor = System.nanoTime() - lastProbeBackNanos.get();
        boolean working = probeEverBack && silentFor < 3 * config.subscriptionProbe().toNanos();
        if (working && !listening) {
            listening = true;
            catchUp();
        } else if (!working && listening) {
            listening = false;
            Log.warn("live events subscription lost; subscribing again");
        }
        if (!working && silentFor > 3 * config.subscriptionProbe().toNanos() + config.subscriptionProbe().toNanos() / 2) {
            resubscribe();
        }
        pubsub.publish(CHANNEL, new LiveEvent(-1, null, instance, PROBE, null, null, null, null))
                .subscribe().with(ignored -> { }, ignored -> { });
    }

    private void resubscribe() {
        Cancellable old = subscription;
        if (old != null) {
            old.cancel();
        }
        lastProbeBackNanos.set(System.nanoTime() - 3 * config.subscriptionProbe().toNanos());
        subscribe();
    }

    /**
     * The subscription works (again): replays what was committed while it did not, from PostgreSQL. On the
     * first start there is nothing to catch up on; the newest event id is only noted.
     */
    private void catchUp() {
        long after = heardUpTo.get();
        Uni<Void> replay = after < 0
                ? audit.newestSequence().invoke(newest -> heardUpTo.accumulateAndGet(newest, Math::max)).replaceWithVoid()
                : audit.after(after, REPLAY_LIMIT).invoke(events -> {
                    if (!events.isEmpty()) {
                        Log.infof("live events subscription back: replaying %d events from PostgreSQL", events.size());
                    }
                    events.forEach(e -> heard(LiveEvent.of(e)));
                }).replaceWithVoid();
        replay.subscribe().with(ignored -> Log.debug("live events subscription working"),
                failure -> {
                    Log.warnf("live events catch-up failed (%s); will try again", failure.toString());
                    listening = false;
                });
    }
}
