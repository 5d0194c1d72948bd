package vn.bordergate.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far webhook deliveries are behind, for an alert: deliveries waiting to be sent
 * ({@code bordergate_webhook_backlog}) and the age of the oldest one ({@code bordergate_webhook_oldest_pending_seconds}),
 * counted every 30 s on the partial index of pending deliveries. A receiver that is down keeps its own
 * deliveries waiting (retried with backoff); a backlog that grows for every firm means the dispatcher is not
 * keeping up or not running.
 */
@ApplicationScoped
@Startup // its gauges exist from the start, at 0 until the first count
class WebhookBacklog {

    private final OutboxRepository outbox;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    WebhookBacklog(OutboxRepository outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        Gauge.builder("bordergate.webhook.backlog", pending, AtomicLong::get)
                .description("Webhook deliveries not yet delivered or given up").register(metrics);
        Gauge.builder("bordergate.webhook.oldest.pending.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest webhook delivery not yet delivered or given up").register(metrics);
    }

    @Scheduled(every = "30s", delay = 10, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return outbox.backlog()
                .invoke(counted -> {
                    pending.set(counted[0]);
                    oldestSeconds.set(counted[1]);
                })
                .onFailure().invoke(e -> Log.debugf("webhook backlog not counted: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
