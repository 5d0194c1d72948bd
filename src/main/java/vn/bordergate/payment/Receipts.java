package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.fee.Fee;
import vn.bordergate.fee.FeeSchedules;
import vn.bordergate.http.Problems;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Issues a trip's receipts: one when its fee is first covered, and an adjustment for the difference when an
 * amendment raised a fee already receipted. Numbers come from the collector's series of the year in Viet Nam
 * (BGCB26 in 2026), so they restart every 1 January; the counter is taken in the paying transaction.
 */
@ApplicationScoped
class Receipts {

    private static final ZoneId VIET_NAM = FeeSchedules.VIET_NAM;

    private final PaymentStatements statements;
    private final CollectorConfig collectors;
    private final AuditTrail audit;
    private final Clock clock;

    Receipts(PaymentStatements statements, CollectorConfig collectors, AuditTrail audit, Clock clock) {
        this.statements = statements;
        this.collectors = collectors;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Replaces a wrong receipt (the payer named on it) with a new one in the current series: the same lines and
     * amount, the corrected payer, naming the one it replaces, which stays as it was. A receipt is replaced once.
     */
    Uni<Receipt> replace(SqlConnection conn, Receipt wrong, Receipt.Payer payer, Actor actor, String gateCode) {
        return statements.replaced(conn, wrong.series(), wrong.number()).chain(replaced -> {
            if (replaced) {
                throw Problems.conflict("receipt-replaced", "Receipt already replaced", "receipt " + wrong.series()
                        + "/" + wrong.number() + " has been replaced; replace its replacement instead");
            }
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(VIET_NAM));
            String series = seriesOf(wrong.series(), now);
            return statements.nextReceiptNumber(conn, series).chain(number -> {
                Receipt replacement = new Receipt(series, number, wrong.declarationId(), Receipt.Kind.REPLACEMENT,
                        new Receipt.Number(wrong.series(), wrong.number()), payer, wrong.lines(), wrong.amountVnd(),
                        wrong.amountInWords(), now);
                return statements.insertReceipt(conn, replacement)
                        .chain(() -> audit.append(conn, DeclarationEvent.of(wrong.declarationId(), "RECEIPT_ISSUED", null,
                                null, actor.subject(), actor.role(), gateCode, null, Map.of("series", series, "number",
                                        number, "amountVnd", wrong.amountVnd(), "kind", Receipt.Kind.REPLACEMENT.name()))))
                        .replaceWith(replacement);
            });
        });
    }

    /** The series of this year for the collector whose series {@code earlier} (prefix and two digits) was. */
    private static String seriesOf(String earlier, OffsetDateTime now) {
        return earlier.substring(0, earlier.length() - 2) + String.format("%02d", now.getYear() % 100);
    }

    /** The receipt the account now calls for, if any, with RECEIPT_ISSUED in the trip's audit chain. */
    Uni<Void> issueIfCovered(SqlConnection conn, Declaration d, String province, Fee fee, TripAccount account,
                             long receiptedVnd, Receipt.Payer payer, Actor actor) {
        var collector = collectors.of(province);
        Long due = account.dueVnd();
        if (collector.isEmpty() || due == null || due == 0 || account.netPaidVnd() < due || receiptedVnd >= due) {
            return Uni.createFrom().voidItem();
        }
        long amount = due - receiptedVnd;
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(VIET_NAM));
        String series = collector.get().receiptSeries() + String.format("%02d", now.getYear() % 100);
        Uni<Receipt.Number> corrects = receiptedVnd == 0 ? Uni.createFrom().nullItem()
                : statements.latestReceipt(conn, d.id()).map(r -> r == null ? null : new Receipt.Number(r.series(), r.number()));
        return corrects.chain(previous -> statements.nextReceiptNumber(conn, series).chain(number -> {
            List<Receipt.Line> lines = previous == null
                    ? fee.lines().stream().map(l -> new Receipt.Line(l.name(), l.amountVnd())).toList()
                    : List.of(new Receipt.Line("Điều chỉnh tăng phí sau khi sửa tờ khai / fee raised by an amendment", amount));
            Receipt receipt = new Receipt(series, number, d.id(),
                    previous == null ? Receipt.Kind.ORIGINAL : Receipt.Kind.ADJUSTMENT, previous, payer, lines, amount,
                    VietnameseAmount.inWords(amount), now);
            return statements.insertReceipt(conn, receipt)
                    .chain(() -> audit.append(conn, DeclarationEvent.of(d.id(), "RECEIPT_ISSUED", null, null,
                            actor.subject(), actor.role(), d.gateCode(), null,
                            Map.of("series", series, "number", number, "amountVnd", amount, "kind", receipt.kind().name()))));
        }));
    }
}
