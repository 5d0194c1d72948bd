package vn.bordergate.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Webhooks and their delivery logs in PostgreSQL; every query is limited to the owning firm. */
@ApplicationScoped
class WebhookRepository {

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts unless the firm already has {@code max}; the per-firm lock makes the count exact under races. */
    public Uni<Webhook> insert(Webhook w, String createdBy, int max) {
        String[] types = w.eventTypes().isEmpty() ? null : w.eventTypes().stream().map(Enum::name).toArray(String[]::new);
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext('webhooks:' || $1))").execute(Tuple.of(w.taxCode()))
                .chain(() -> conn.preparedQuery("SELECT count(*) AS n FROM webhooks WHERE tax_code = $1")
                        .execute(Tuple.of(w.taxCode())))
                .chain(rows -> {
                    if (rows.iterator().next().getLong("n") >= max) {
                        throw new ProblemException(409, "webhook-limit", "Too many webhooks",
                                "a firm may register at most " + max + " webhooks; delete one first").with(ProblemMember.LIMIT, max);
                    }
                    return conn.preparedQuery("INSERT INTO webhooks (id, tax_code, url, event_types, secret, created_by) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING *")
                            .execute(Tuple.from(Arrays.asList(w.id(), w.taxCode(), w.url(), types, w.secret(), createdBy)));
                })
                .map(rows -> toWebhook(rows.iterator().next())));
    }

    public Uni<List<Webhook>> ofFirm(String taxCode) {
        return pool.preparedQuery("SELECT * FROM webhooks WHERE tax_code = $1 ORDER BY created_at, id")
                .execute(Tuple.of(taxCode)).map(WebhookRepository::toWebhooks);
    }

    /** The firm's webhook, or null when it does not exist or belongs to another firm. */
    public Uni<Webhook> find(UUID id, String taxCode) {
        return pool.preparedQuery("SELECT * FROM webhooks WHERE id = $1 AND tax_code = $2")
                .execute(Tuple.of(id, taxCode))
                .map(rows -> rows.rowCount() == 0 ? null : toWebhook(rows.iterator().next()));
    }

    /** Deletes the webhook with its pending deliveries and log; false when it was not the firm's. */
    public Uni<Boolean> delete(UUID id, String taxCode) {
        return pool.preparedQuery("DELETE FROM webhooks WHERE id = $1 AND tax_code = $2")
                .execute(Tuple.of(id, taxCode)).map(rows -> rows.rowCount() > 0);
    }

    private static List<Webhook> toWebhooks(RowSet<Row> rows) {
        List<Webhook> webhooks = new ArrayList<>();
        rows.forEach(row -> webhooks.add(toWebhook(row)));
        return webhooks;
    }

    private static Webhook toWebhook(Row row) {
        String[] types = row.getArrayOfStrings("event_types");
        return new Webhook(row.getUUID("id"), row.getString("tax_code"), row.getString("url"),
                types == null ? List.of() : Arrays.stream(types).map(EventType::valueOf).toList(),
                row.getString("secret"), row.getOffsetDateTime("created_at"));
    }

}
