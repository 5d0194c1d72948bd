package vn.bordergate.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    WebhookBacklog(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        Gauge.builder("bordergate.webhook.backlog", pending, AtomicLong::get)
                .description("Webhook deliveries not yet delivered or given up").register(metrics);
        Gauge.builder("bordergate.webhook.oldest.pending.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest webhook delivery not yet delivered or given up").register(metrics);
    }

    @Scheduled(every = "30s", delay = 10, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query("SELECT count(*) AS pending, coalesce(extract(epoch FROM now() - min(event_at)), 0)::bigint AS oldest "
                        + "FROM webhook_deliveries WHERE status = 'PENDING'").execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    oldestSeconds.set(row.getLong("oldest"));
                })
                .onFailure().invoke(e -> Log.debugf("webhook backlog not counted: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
