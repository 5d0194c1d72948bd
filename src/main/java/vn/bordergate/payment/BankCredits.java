package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.Actor;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.security.Caller;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credits reported by a collecting account's bank: each recorded once (its transaction id), paid to the trip
 * whose reference it carries, or kept until a finance officer says which trip it pays.
 */
@ApplicationScoped
class BankCredits {

    /** The bank, as the actor of the payments its notifications record. */
    private static final Actor BANK = new Actor("bank-notification", "bank");
    // Payers type the reference into a free-text purpose; banks upper-case it or not, and may glue words.
    private static final Pattern REFERENCE = Pattern.compile("BG[0-9A-Z]{10}(?![0-9A-Z])");

    private final PaymentStatements statements;
    private final Payments payments;
    private final Transactions transactions;

    BankCredits(PaymentStatements statements, Payments payments, Transactions transactions) {
        this.statements = statements;
        this.payments = payments;
        this.transactions = transactions;
    }

    Uni<BankNotificationResource.Outcome> receive(BankNotification n) {
        PaymentStatements.Credit credit = new PaymentStatements.Credit(n.province(), n.transactionId(), n.amountVnd(),
                n.description(), n.creditedAt(), null, null);
        String reference = referenceIn(n.description());
        return transactions.run(conn -> statements.recordCredit(conn, credit).chain(isNew -> {
            if (!isNew) {
                return Uni.createFrom().item(new BankNotificationResource.Outcome("DUPLICATE", null));
            }
            Uni<UUID> trip = reference == null ? Uni.createFrom().nullItem() : statements.tripOf(conn, n.province(), reference);
            return trip.chain(id -> id == null ? Uni.createFrom().<UUID>nullItem()
                            : payments.applyCredit(conn, credit, id, BANK).map(d -> d == null ? null : d.id()))
                    .map(paid -> new BankNotificationResource.Outcome(paid == null ? "UNMATCHED" : "MATCHED", paid));
        }));
    }

    Uni<List<PaymentStatements.Credit>> unmatched(Caller caller, String province) {
        caller.requireFinances(province);
        return statements.unmatched(province);
    }

    /** A finance officer says which trip an unmatched credit pays. */
    Uni<PaymentView> match(Caller caller, String province, String transactionId, UUID declarationId) {
        caller.requireFinances(province);
        return transactions.run(conn -> statements.lockCredit(conn, province, transactionId).chain(credit -> {
            if (credit == null) {
                throw Problems.notFound("credit " + transactionId + " of " + province);
            }
            if (credit.declarationId() != null) {
                throw Problems.conflict("credit-matched", "Credit already matched", "credit " + transactionId
                        + " already paid declaration " + credit.declarationId());
            }
            return statements.tripProvince(conn, declarationId).chain(tripProvince -> {
                if (!province.equals(tripProvince)) {
                    throw Problems.invalidField("declarationId", "names no trip of " + province
                            + " with a payment reference (read its payment first)");
                }
                return payments.applyCredit(conn, credit, declarationId, Actor.of(caller));
            });
        })).chain(payments::view);
    }

    static String referenceIn(String description) {
        if (description == null) {
            return null;
        }
        Matcher found = REFERENCE.matcher(description.toUpperCase(Locale.ROOT));
        return found.find() ? found.group() : null;
    }
}
