package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of fee payments: references, bank credits, payments in and out, and receipts. */
@ApplicationScoped
public class PaymentStatements {

    private final Pool pool;

    PaymentStatements(Pool pool) {
        this.pool = pool;
    }

    /** Payments in and out of one trip, summed; receipted counts a replaced receipt once (not its replacement). */
    record Totals(long paidVnd, long refundedVnd, long receiptedVnd) {
    }

    /** A credit the collecting account's bank reported; declarationId is the trip it paid, if matched. */
    public record Credit(String province, String transactionId, long amountVnd, String description, OffsetDateTime creditedAt,
                  OffsetDateTime receivedAt, UUID declarationId) {
    }

    /** The trip's payment reference, made on first use; a clash with another trip's is retried by the caller. */
    Uni<String> reference(UUID declarationId, String province, String candidate) {
        return pool.preparedQuery("WITH made AS (INSERT INTO trip_payments (declaration_id, province_code, reference) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (declaration_id) DO NOTHING RETURNING reference) "
                        + "SELECT reference FROM made UNION ALL SELECT reference FROM trip_payments WHERE declaration_id = $1")
                .execute(Tuple.of(declarationId, province, candidate))
                .map(rows -> rows.iterator().next().getString("reference"));
    }

    /** The trip a payment reference names, or null. */
    Uni<UUID> tripOf(SqlClient client, String province, String reference) {
        return client.preparedQuery("SELECT declaration_id FROM trip_payments WHERE reference = $1 AND province_code = $2")
                .execute(Tuple.of(reference, province))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("declaration_id"));
    }

    /** The province of a trip that has a payment reference, or null. */
    Uni<String> tripProvince(SqlClient client, UUID declarationId) {
        return client.preparedQuery("SELECT province_code FROM trip_payments WHERE declaration_id = $1")
                .execute(Tuple.of(declarationId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("province_code"));
    }

    Uni<Totals> totals(UUID declarationId) {
        return totals(pool, declarationId);
    }

    Uni<Totals> totals(SqlClient client, UUID declarationId) {
        return client.preparedQuery("SELECT coalesce(sum(amount_vnd) FILTER (WHERE kind <> 'REFUND'), 0) AS paid, "
                        + "coalesce(sum(amount_vnd) FILTER (WHERE kind = 'REFUND'), 0) AS refunded, "
                        + "(SELECT coalesce(sum(amount_vnd), 0) FROM receipts WHERE declaration_id = $1 AND kind <> 'REPLACEMENT') "
                        + "AS receipted "
                        + "FROM payments WHERE declaration_id = $1")
                .execute(Tuple.of(declarationId)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Totals(row.getLong("paid"), row.getLong("refunded"), row.getLong("receipted"));
                });
    }

    /** Payments in and out of each of these trips, summed; a trip with none is absent. */
    Uni<Map<UUID, Totals>> totalsOf(List<UUID> trips) {
        if (trips.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT declaration_id, coalesce(sum(amount_vnd) FILTER (WHERE kind <> 'REFUND'), 0) AS paid, "
                        + "coalesce(sum(amount_vnd) FILTER (WHERE kind = 'REFUND'), 0) AS refunded "
                        + "FROM payments WHERE declaration_id = ANY($1) GROUP BY declaration_id")
                .execute(Tuple.of(trips.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Totals> totals = new HashMap<>();
                    for (Row row : rows) {
                        totals.put(row.getUUID("declaration_id"), new Totals(row.getLong("paid"), row.getLong("refunded"), 0));
                    }
                    return totals;
                });
    }

    /**
     * Records a credit once: true the first time its bank transaction id is seen, false for a replay (which
     * then changes nothing).
     */
    Uni<Boolean> recordCredit(SqlClient client, Credit credit) {
        return client.preparedQuery("INSERT INTO bank_credits (province_code, bank_transaction_id, amount_vnd, description, "
                        + "credited_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(credit.province(), credit.transactionId(), credit.amountVnd(), credit.description(),
                        credit.creditedAt()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The credit, locked until the transaction ends, or null. */
    Uni<Credit> lockCredit(SqlClient client, String province, String transactionId) {
        return client.preparedQuery("SELECT * FROM bank_credits WHERE province_code = $1 AND bank_transaction_id = $2 "
                        + "FOR UPDATE").execute(Tuple.of(province, transactionId))
                .map(rows -> rows.rowCount() == 0 ? null : credit(rows.iterator().next()));
    }

    Uni<Void> matchCredit(SqlClient client, String province, String transactionId, UUID declarationId, String by) {
        return client.preparedQuery("UPDATE bank_credits SET declaration_id = $3, matched_by = $4, matched_at = now() "
                        + "WHERE province_code = $1 AND bank_transaction_id = $2")
                .execute(Tuple.of(province, transactionId, declarationId, by)).replaceWithVoid();
    }

    /** Credits of the province no trip has claimed yet, oldest first. */
    Uni<List<Credit>> unmatched(String province) {
        return pool.preparedQuery("SELECT * FROM bank_credits WHERE province_code = $1 AND declaration_id IS NULL "
                        + "ORDER BY received_at LIMIT 500").execute(Tuple.of(province))
                .map(rows -> {
                    List<Credit> credits = new ArrayList<>();
                    for (Row row : rows) {
                        credits.add(credit(row));
                    }
                    return credits;
                });
    }

    /** Adds money in (BANK, CASH) or out (REFUND) of a trip's fee. */
    Uni<Void> addPayment(SqlClient client, UUID declarationId, String kind, long amountVnd, String transactionId,
                         JsonObject payer, String by) {
        return client.preparedQuery("INSERT INTO payments (declaration_id, kind, amount_vnd, bank_transaction_id, payer, "
                        + "recorded_by) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(java.util.Arrays.asList(declarationId, kind, amountVnd, transactionId, payer, by)))
                .replaceWithVoid();
    }

    /**
     * The next number of {@code series}: the counter row is locked until the transaction ends, so numbers are
     * given out one at a time across instances, and a transaction that rolls back gives its number back.
     */
    Uni<Integer> nextReceiptNumber(SqlClient client, String series) {
        return client.preparedQuery("INSERT INTO receipt_counters (series, last_number) VALUES ($1, 1) "
                        + "ON CONFLICT (series) DO UPDATE SET last_number = receipt_counters.last_number + 1 "
                        + "RETURNING last_number").execute(Tuple.of(series))
                .map(rows -> rows.iterator().next().getInteger("last_number"));
    }

    Uni<Void> insertReceipt(SqlClient client, Receipt r) {
        return client.preparedQuery("INSERT INTO receipts (series, number, declaration_id, kind, corrects_series, "
                        + "corrects_number, payer, lines, amount_vnd, amount_words, issued_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.from(java.util.Arrays.asList(r.series(), r.number(), r.declarationId(), r.kind().name(),
                        r.corrects() == null ? null : r.corrects().series(),
                        r.corrects() == null ? null : r.corrects().number(),
                        JsonObject.mapFrom(r.payer()), new JsonArray(r.lines().stream().map(JsonObject::mapFrom).toList()),
                        r.amountVnd(), r.amountInWords(), r.issuedAt())))
                .replaceWithVoid();
    }

    /** The receipt, locked until the transaction ends, or null. */
    Uni<Receipt> lockReceipt(SqlClient client, String series, int number) {
        return client.preparedQuery("SELECT * FROM receipts WHERE series = $1 AND number = $2 FOR UPDATE")
                .execute(Tuple.of(series, number))
                .map(rows -> rows.rowCount() == 0 ? null : Receipt.of(rows.iterator().next()));
    }

    /** Whether a receipt has already been replaced. */
    Uni<Boolean> replaced(SqlClient client, String series, int number) {
        return client.preparedQuery("SELECT EXISTS (SELECT 1 FROM receipts WHERE corrects_series = $1 AND corrects_number = $2 "
                        + "AND kind = 'REPLACEMENT') AS replaced").execute(Tuple.of(series, number))
                .map(rows -> rows.iterator().next().getBoolean("replaced"));
    }

    /** The newest receipt of a trip, or null. */
    Uni<Receipt> latestReceipt(SqlClient client, UUID declarationId) {
        return client.preparedQuery("SELECT * FROM receipts WHERE declaration_id = $1 ORDER BY issued_at DESC, number DESC LIMIT 1")
                .execute(Tuple.of(declarationId))
                .map(rows -> rows.rowCount() == 0 ? null : Receipt.of(rows.iterator().next()));
    }

    Uni<Receipt> receipt(String series, int number) {
        return pool.preparedQuery("SELECT * FROM receipts WHERE series = $1 AND number = $2")
                .execute(Tuple.of(series, number))
                .map(rows -> rows.rowCount() == 0 ? null : Receipt.of(rows.iterator().next()));
    }

    Uni<List<Receipt>> receiptsOf(UUID declarationId) {
        return pool.preparedQuery("SELECT * FROM receipts WHERE declaration_id = $1 ORDER BY issued_at, number")
                .execute(Tuple.of(declarationId)).map(rows -> {
                    List<Receipt> receipts = new ArrayList<>();
                    for (Row row : rows) {
                        receipts.add(Receipt.of(row));
                    }
                    return receipts;
                });
    }

    private static Credit credit(Row row) {
        return new Credit(row.getString("province_code"), row.getString("bank_transaction_id"), row.getLong("amount_vnd"),
                row.getString("description"), row.getOffsetDateTime("credited_at"), row.getOffsetDateTime("received_at"),
                row.getUUID("declaration_id"));
    }
}
