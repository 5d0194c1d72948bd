package vn.bordergate.notify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A firm's delivery log keeps 30 days of finished deliveries; a pending one is never purged, however old. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class DeliveryRetentionTest {

    @Inject
    DeliveryRetention retention;

    static void delivery(UUID webhook, String status, int daysAgo) {
        Database.update("INSERT INTO webhook_deliveries (webhook_id, event_id, declaration_id, event_type, event_at, "
                + "status, next_attempt_at, created_at) VALUES (?, 1, ?, 'DECLARED', now(), ?, now() + interval '1 year', "
                + "now() - make_interval(days => ?))", webhook, UUID.randomUUID(), status, daysAgo);
    }

    static long left(UUID webhook, String status) {
        return Database.count("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = ? AND status = ?", webhook, status);
    }

    @Test
    void finishedDeliveriesOlderThanThirtyDaysArePurgedPendingOnesNever() {
        UUID webhook = UUID.randomUUID();
        Database.update("INSERT INTO webhooks (id, tax_code, url, secret, created_by) "
                + "VALUES (?, '0100109106-777', 'https://receiver.example/hook', 's', 'test')", webhook);
        try {
            delivery(webhook, "DELIVERED", 31);
            delivery(webhook, "FAILED", 45);
            // Not due for a year, so no dispatcher of another test sends it meanwhile.
            delivery(webhook, "PENDING", 45);
            delivery(webhook, "DELIVERED", 29);

            retention.purge().await().atMost(Duration.ofSeconds(30));

            assertEquals(1, left(webhook, "DELIVERED"), "the 29-day-old delivery stays in the log");
            assertEquals(0, left(webhook, "FAILED"));
            assertEquals(1, left(webhook, "PENDING"), "a pending delivery is still owed to the firm");
        } finally {
            Database.update("DELETE FROM webhooks WHERE id = ?", webhook);
        }
    }
}
