package vn.bordergate.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The webhook outbox, {@code webhook_deliveries} (filled by a trigger on the audit trail, see
 * V4__webhooks.sql): claims due deliveries under a lease, records how each attempt went, and lists a
 * webhook's delivery log.
 */
@ApplicationScoped
class OutboxRepository {

    /*
     * Eligible: PENDING, due, not leased (or the lease ran out: its holder crashed), and the oldest PENDING
     * delivery of its (webhook, declaration), so a declaration's events arrive in order. SKIP LOCKED lets
     * several instances claim side by side without waiting for, or taking, each other's rows; the claim is
     * one statement, so the lease is committed before anything is sent.
     */
    private static final String CLAIM = "WITH due AS MATERIALIZED (SELECT d.id FROM webhook_deliveries d"
            + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id"
            + "   AND e.declaration_id = d.declaration_id AND e.status = 'PENDING' AND e.id < d.id)"
            + " ORDER BY d.next_attempt_at, d.id LIMIT $3 FOR UPDATE SKIP LOCKED),"
            + " claimed AS (UPDATE webhook_deliveries w SET lease_until = $2, attempts = w.attempts + 1"
            + " FROM due WHERE w.id = due.id RETURNING w.id, w.attempts, w.webhook_id, w.event_id, w.declaration_id)"
            + " SELECT c.id, c.attempts, c.webhook_id, h.url, h.secret, c.event_id, c.declaration_id,"
            + " partition_day_of(c.declaration_id) AS partition_day"
            + " FROM claimed c JOIN webhooks h ON h.id = c.webhook_id ORDER BY c.id";

    /**
     * The claimed deliveries' events with their declarations' references. A second statement, so that it
     * names the booking days their ids carry (the %s, PartitionDayQueries.among) as constants: PostgreSQL then
     * plans only those partitions.
     */
    private static final String EVENTS = "SELECT e.id AS event_id, e.type, e.declaration_id, x.reference, e.gate_code,"
            + " e.from_status, e.to_status, e.reason, e.details, e.occurred_at"
            + " FROM declaration_events e JOIN declarations x ON x.id = e.declaration_id AND x.partition_day = e.partition_day"
            + " WHERE %s AND %s AND e.id = ANY($1)";

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code limit} due deliveries until {@code leaseUntil}, counting the attempt now. A claimed
     * delivery whose event is no longer online is left to its lease: it cannot be sent.
     */
    public Uni<List<Delivery>> claim(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(now, leaseUntil, limit)).chain(claimed -> {
            if (claimed.rowCount() == 0) {
                return Uni.createFrom().item(List.<Delivery>of());
            }
            Set<LocalDate> days = new TreeSet<>();
            List<Long> eventIds = new ArrayList<>();
            claimed.forEach(row -> {
                days.add(row.getLocalDate("partition_day"));
                eventIds.add(row.getLong("event_id"));
            });
            LocalDate[] named = days.toArray(LocalDate[]::new);
            return pool.preparedQuery(String.format(EVENTS, PartitionDayQueries.among("e.partition_day", named),
                            PartitionDayQueries.among("x.partition_day", named)))
                    .execute(Tuple.of((Object) eventIds.toArray(Long[]::new)))
                    .map(events -> {
                        Map<Long, Row> byId = new HashMap<>();
                        events.forEach(e -> byId.put(e.getLong("event_id"), e));
                        List<Delivery> deliveries = new ArrayList<>();
                        claimed.forEach(c -> {
                            Row event = byId.get(c.getLong("event_id"));
                            if (event != null) {
                                deliveries.add(toDelivery(c, event));
                            }
                        });
                        return deliveries;
                    });
        });
    }

    // Every attempt's record matches attempts = $2: a sender whose lease ran out (and whose delivery was
    // claimed again) no longer writes over the newer attempt.

    public Uni<Void> delivered(Delivery d, OffsetDateTime at, int httpStatus) {
        return pool.preparedQuery("UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = $3, "
                        + "last_http_status = $4, last_error = NULL, lease_until = NULL "
                        + "WHERE id = $1 AND attempts = $2 AND status = 'PENDING'")
                .execute(Tuple.of(d.id(), d.attempts(), at, httpStatus)).replaceWithVoid();
    }

    /** A failed attempt: tried again at {@code next}, or given up as FAILED when {@code next} is null. */
    public Uni<Void> failed(Delivery d, Integer httpStatus, String error, OffsetDateTime next) {
        if (next == null) {
            return pool.preparedQuery("UPDATE webhook_deliveries SET status = 'FAILED', last_http_status = $3, "
                            + "last_error = $4, lease_until = NULL WHERE id = $1 AND attempts = $2 AND status = 'PENDING'")
                    .execute(Tuple.from(Arrays.asList(d.id(), d.attempts(), httpStatus, error))).replaceWithVoid();
        }
        // The declaration's later deliveries wait behind this one: moving them to its next attempt keeps a
        // long queue behind a dead receiver out of every claim's scan until then.
        return pool.preparedQuery("WITH retried AS (UPDATE webhook_deliveries SET next_attempt_at = $5, "
                        + "last_http_status = $3, last_error = $4, lease_until = NULL "
                        + "WHERE id = $1 AND attempts = $2 AND status = 'PENDING' RETURNING webhook_id, declaration_id, id) "
                        + "UPDATE webhook_deliveries w SET next_attempt_at = $5 FROM retried r "
                        + "WHERE w.webhook_id = r.webhook_id AND w.declaration_id = r.declaration_id "
                        + "AND w.status = 'PENDING' AND w.id > r.id AND w.next_attempt_at < $5")
                .execute(Tuple.from(Arrays.asList(d.id(), d.attempts(), httpStatus, error, next))).replaceWithVoid();
    }

    /**
     * Deletes up to {@code limit} delivered or failed deliveries created before {@code cutoff}, oldest first;
     * answers how many. Pending ones are never deleted. One instance at a time (see IdempotencyRepository).
     */
    public Uni<Integer> deleteFinishedOlderThan(OffsetDateTime cutoff, int limit) {
        return pool.preparedQuery("WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('purge:webhook_deliveries')) AS mine) "
                        + "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries "
                        + "WHERE status <> 'PENDING' AND created_at < $1 ORDER BY created_at LIMIT $2) AND (SELECT mine FROM turn)")
                .execute(Tuple.of(cutoff, limit)).map(rows -> rows.rowCount());
    }

    /** Up to {@code limit} log entries of one webhook with ids below {@code beforeId} (null: the newest). */
    /** Deliveries not yet delivered or given up, and the age of the oldest in seconds (0 with none). */
    public Uni<long[]> backlog() {
        return pool.query("SELECT count(*) AS pending, coalesce(extract(epoch FROM now() - min(event_at)), 0)::bigint AS oldest "
                        + "FROM webhook_deliveries WHERE status = 'PENDING'").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[]{row.getLong("pending"), row.getLong("oldest")};
                });
    }

    public Uni<List<DeliveryView>> deliveries(UUID webhookId, Long beforeId, int limit) {
        return pool.preparedQuery("SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND id < $2 "
                        + "ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(webhookId, beforeId == null ? Long.MAX_VALUE : beforeId, limit))
                .map(rows -> {
                    List<DeliveryView> page = new ArrayList<>();
                    rows.forEach(row -> page.add(toDeliveryView(row)));
                    return page;
                });
    }

    private static Delivery toDelivery(Row claimed, Row event) {
        return new Delivery(claimed.getLong("id"), claimed.getInteger("attempts"), claimed.getUUID("webhook_id"),
                claimed.getString("url"), claimed.getString("secret"), event.getLong("event_id"), event.getString("type"),
                event.getUUID("declaration_id"), event.getString("reference"), event.getString("gate_code"),
                event.getString("from_status"), event.getString("to_status"), event.getString("reason"),
                event.getString("details"), event.getOffsetDateTime("occurred_at"));
    }

    private static DeliveryView toDeliveryView(Row row) {
        String status = row.getString("status");
        return new DeliveryView(row.getLong("id"), row.getLong("event_id"), row.getString("event_type"),
                row.getUUID("declaration_id"), status, row.getInteger("attempts"), row.getInteger("last_http_status"),
                row.getString("last_error"), "PENDING".equals(status) ? row.getOffsetDateTime("next_attempt_at") : null,
                row.getOffsetDateTime("delivered_at"), row.getOffsetDateTime("created_at"));
    }
}
