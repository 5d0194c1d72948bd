package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.fee.Fee;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A trip's fee account: its payment reference, money in from the bank or at the gate's cash desk, money paid
 * back, and the receipts. Every change runs under the declaration's row lock, so two payments of one trip
 * (on two instances) are counted one after the other, and each enters the declaration's audit chain.
 */
@ApplicationScoped
public class Payments {

    /** Trips that never crossed owe nothing; what was paid for them is due back. */
    private static final Set<DeclarationStatus> DID_NOT_CROSS =
            EnumSet.of(DeclarationStatus.CANCELLED, DeclarationStatus.NO_SHOW, DeclarationStatus.REJECTED);
    private static final char[] REFERENCE_CHARACTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final PaymentStatements statements;
    private final DeclarationListing listing;
    private final DeclarationRepository declarations;
    private final DeclarationFees fees;
    private final GateCatalog gates;
    private final CollectorConfig collectors;
    private final Receipts receipts;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final SecureRandom random = new SecureRandom();

    Payments(PaymentStatements statements, DeclarationListing listing, DeclarationRepository declarations,
             DeclarationFees fees, GateCatalog gates, CollectorConfig collectors, Receipts receipts, AuditTrail audit,
             Transactions transactions) {
        this.statements = statements;
        this.listing = listing;
        this.declarations = declarations;
        this.fees = fees;
        this.gates = gates;
        this.collectors = collectors;
        this.receipts = receipts;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The trip's account as {@code caller} may see it (404 otherwise), with a reference made on first ask. */
    public Uni<PaymentView> view(Caller caller, UUID id) {
        return readable(caller, id).chain(this::view);
    }

    Uni<PaymentView> view(Declaration d) {
        return province(d).chain(province -> referenceOf(d.id(), province, 0)
                .chain(reference -> fees.of(d).chain(fee -> statements.totals(d.id())
                        .chain(totals -> statements.receiptsOf(d.id()).map(issued -> {
                            TripAccount account = account(d, fee, totals);
                            return render(d, province, reference, fee, account,
                                    issued.stream().map(r -> new Receipt.Number(r.series(), r.number())).toList());
                        })))));
    }

    /**
     * Refuses (402 payment-required) a trip whose province stops unpaid trips at {@code step} and whose fee
     * has an amount not yet covered. A fee without an amount (a band the province has not published) does not
     * stop a truck: nobody could pay it.
     */
    public Uni<Void> requirePaid(SqlConnection conn, Declaration d, CollectorConfig.PaymentRequiredAt step) {
        return province(d).chain(province -> {
            var collector = collectors.of(province);
            if (collector.isEmpty() || collector.get().requiredAt() != step) {
                return Uni.createFrom().voidItem();
            }
            return fees.of(d).chain(fee -> statements.totals(conn, d.id()).chain(totals -> {
                TripAccount account = account(d, fee, totals);
                Long outstanding = account.outstandingVnd();
                if (outstanding == null || outstanding == 0) {
                    return Uni.createFrom().voidItem();
                }
                return referenceOf(d.id(), province, 0).map(reference -> {
                    throw new ProblemException(402, "payment-required", "Fee not paid",
                            "the border-gate fee of " + d.reference() + " is not paid: " + outstanding
                                    + " VND still to pay with reference " + reference)
                            .with(ProblemMember.AMOUNT_DUE, outstanding).with(ProblemMember.PAYMENT_REFERENCE, reference);
                });
            }));
        });
    }

    /** Cash taken at the gate by a finance officer of the trip's province. */
    Uni<PaymentView> cash(Caller caller, UUID id, long amountVnd, Receipt.Payer payer) {
        Actor actor = Actor.of(caller);
        return transactions.run(conn -> lockFinanced(conn, caller, id).chain(trip -> referenceOf(id, trip.province(), 0)
                .chain(() -> pay(conn, trip.declaration(), trip.province(), "CASH", amountVnd, null, payer, actor))))
                .chain(this::view);
    }

    /**
     * Money the collecting Centre paid back, recorded by a finance officer of the trip's province: at most what is
     * due back (409 nothing-to-refund otherwise). Writes REFUND_PAID to the trip's audit chain.
     */
    Uni<PaymentView> refund(Caller caller, UUID id, long amountVnd) {
        Actor actor = Actor.of(caller);
        return transactions.run(conn -> lockFinanced(conn, caller, id).chain(trip -> {
            Declaration d = trip.declaration();
            return fees.of(d).chain(fee -> statements.totals(conn, d.id())
                            .map(totals -> account(d, fee, totals).refundDueVnd()))
                    .invoke(refundable -> {
                        if (amountVnd > refundable) {
                            throw Problems.conflict("nothing-to-refund", "More than is due back",
                                    refundable + " VND is due back to this trip; " + amountVnd + " cannot be refunded");
                        }
                    })
                    .chain(() -> statements.addPayment(conn, d.id(), "REFUND", amountVnd, null, null, actor.subject()))
                    .chain(() -> audit.append(conn, DeclarationEvent.of(d.id(), "REFUND_PAID", null, null,
                            actor.subject(), actor.role(), d.gateCode(), null, Map.of("amountVnd", amountVnd))))
                    .replaceWith(d);
        })).chain(this::view);
    }

    /** A finance officer of the trip's province replaces a wrong receipt (404 for another province's). */
    Uni<Receipt> replaceReceipt(Caller caller, String series, int number, Receipt.Payer payer) {
        Actor actor = Actor.of(caller);
        return statements.receipt(series, number)
                .onItem().ifNull().failWith(() -> Problems.notFound("receipt " + series + "/" + number))
                .chain(found -> transactions.run(conn -> lockFinanced(conn, caller, found.declarationId())
                        .onFailure(e -> e instanceof ProblemException p && p.status() == 404)
                        .transform(e -> Problems.notFound("receipt " + series + "/" + number))
                        .chain(trip -> statements.lockReceipt(conn, series, number)
                                .chain(wrong -> receipts.replace(conn, wrong, payer, actor, trip.declaration().gateCode())))));
    }

    /**
     * Applies a bank credit not seen before to the trip its reference names (the caller holds no lock yet).
     * Answers the trip, or null when the reference names none: the credit then waits for a finance officer.
     */
    Uni<Declaration> applyCredit(SqlConnection conn, PaymentStatements.Credit credit, UUID tripId, Actor actor) {
        return declarations.lock(conn, tripId).chain(d -> d == null ? Uni.createFrom().nullItem()
                : statements.matchCredit(conn, credit.province(), credit.transactionId(), d.id(), actor.subject())
                .chain(() -> pay(conn, d, credit.province(), "BANK", credit.amountVnd(), credit.transactionId(), null, actor)));
    }

    /**
     * Records money for {@code d} (its row locked by the caller), writes PAYMENT_RECEIVED to its audit chain,
     * and issues a receipt once the fee is covered.
     */
    private Uni<Declaration> pay(SqlConnection conn, Declaration d, String province, String kind, long amountVnd,
                                 String transactionId, Receipt.Payer payer, Actor actor) {
        Receipt.Payer paidBy = payer != null ? payer : Receipt.Payer.of(d);
        return statements.addPayment(conn, d.id(), kind, amountVnd, transactionId, JsonObject.mapFrom(paidBy), actor.subject())
                .chain(() -> fees.of(d)).chain(fee -> statements.totals(conn, d.id()).chain(totals -> {
                    TripAccount account = account(d, fee, totals);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("amountVnd", amountVnd);
                    details.put("by", kind);
                    if (transactionId != null) {
                        details.put("bankTransactionId", transactionId);
                    }
                    details.put("paidVnd", account.netPaidVnd());
                    details.put("status", account.status().name());
                    return audit.append(conn, DeclarationEvent.of(d.id(), "PAYMENT_RECEIVED", null, null,
                                    actor.subject(), actor.role(), d.gateCode(), null, details))
                            .chain(() -> receipts.issueIfCovered(conn, d, province, fee, account, totals.receiptedVnd(),
                                    paidBy, actor));
                })).replaceWith(d);
    }

    /** Whether the trip crossed or still may: cancelled, rejected and no-show trips owe nothing. */
    static boolean crosses(Declaration d) {
        return !DID_NOT_CROSS.contains(d.status());
    }

    static TripAccount account(Declaration d, Fee fee, PaymentStatements.Totals totals) {
        Long due = crosses(d) ? fee.amountVnd() : Long.valueOf(0);
        return new TripAccount(due, totals.paidVnd(), totals.refundedVnd());
    }

    private PaymentView render(Declaration d, String province, String reference, Fee fee, TripAccount account,
                               List<Receipt.Number> issued) {
        var collector = collectors.of(province);
        Long outstanding = account.outstandingVnd();
        String qr = collector.isPresent() && outstanding != null && outstanding > 0
                ? VietQr.transfer(collector.get().bankBin(), collector.get().account(), outstanding, reference) : null;
        return new PaymentView(d.id(), account.status(), "VND", account.dueVnd(), account.paidVnd(), account.refundedVnd(),
                outstanding, account.refundDueVnd(), reference,
                collector.map(c -> new PaymentView.Account(c.bankBin(), c.account(), c.accountName())).orElse(null),
                qr, qr == null ? null : "/api/v1/declarations/" + d.id() + "/payment/qr",
                collector.map(c -> c.requiredAt().name()).orElse(CollectorConfig.PaymentRequiredAt.NOWHERE.name()),
                Receipt.Payer.of(d), fee, issued);
    }

    /** The trip's payment reference; a new one clashing with another trip's is drawn again. */
    private Uni<String> referenceOf(UUID id, String province, int attempt) {
        return statements.reference(id, province, newReference())
                .onFailure(e -> attempt < 3 && e.getMessage() != null && e.getMessage().contains("trip_payments_reference_key"))
                .recoverWithUni(() -> referenceOf(id, province, attempt + 1));
    }

    private String newReference() {
        StringBuilder reference = new StringBuilder("BG");
        for (int i = 0; i < 10; i++) {
            reference.append(REFERENCE_CHARACTERS[random.nextInt(REFERENCE_CHARACTERS.length)]);
        }
        return reference.toString();
    }

    /** A trip locked for a change to its fee account, with its province. */
    private record FinancedTrip(Declaration declaration, String province) {
    }

    /**
     * Locks the trip for a change a finance officer makes (cash, a refund, a receipt replaced): 404 when there
     * is none, or when it is another province's, as if it did not exist.
     */
    private Uni<FinancedTrip> lockFinanced(SqlConnection conn, Caller caller, UUID id) {
        return declarations.lock(conn, id).chain(d -> {
            if (d == null) {
                throw Problems.notFound("declaration " + id);
            }
            return province(d).map(province -> {
                if (!caller.financesProvince(province)) {
                    throw Problems.notFound("declaration " + id);
                }
                return new FinancedTrip(d, province);
            });
        });
    }

    /** The trip, if {@code caller} may see its fee: whoever may read it, and its province's finance officers. */
    Uni<Declaration> readable(Caller caller, UUID id) {
        if (caller.is(Roles.FINANCE_OFFICER) && !caller.is(Roles.ADMIN)) {
            return declarations.find(id).chain(d -> d == null ? Uni.createFrom().<Declaration>nullItem()
                            : province(d).map(province -> caller.financesProvince(province) ? d : null))
                    .onItem().ifNull().failWith(() -> Problems.notFound("declaration " + id));
        }
        return listing.visible(caller, id);
    }

    private Uni<String> province(Declaration d) {
        return gates.require(d.gateCode()).map(gate -> gate.provinceCode);
    }
}
