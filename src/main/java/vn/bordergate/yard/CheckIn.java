package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.payment.CollectorConfig;
import vn.bordergate.payment.Payments;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.declaration.validation.VehiclePlate;
import vn.bordergate.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Checking a booked truck into the waiting yard, by QR scan or by plate, inside its check-in window. */
@ApplicationScoped
class CheckIn {

    private final YardStatements statements;
    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final QrTokens tokens;
    private final YardQueue yard;
    private final YardConfig config;
    private final Clock clock;

    private final Payments payments;

    public CheckIn(YardStatements statements, DeclarationRepository declarations, Lifecycle lifecycle, QrTokens tokens, YardQueue yard,
                   YardConfig config, Clock clock, Transactions transactions, Payments payments) {
        this.transactions = transactions;
        this.payments = payments;
        this.statements = statements;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.yard = yard;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Declaration> checkIn(Caller caller, String gate, CheckInRequest request) {
        return find(gate, request)
                .map(d -> {
                    if (d == null || !d.gateCode().equals(gate)) {
                        throw Problems.notFound("a booking for that truck at " + gate);
                    }
                    if (d.status() != DeclarationStatus.BOOKED) {
                        throw Problems.conflict("invalid-state", "Already checked in or closed",
                                "declaration " + d.reference() + " is " + d.status() + "; it cannot be checked in again")
                                .with(ProblemMember.CURRENT_STATUS, d.status());
                    }
                    checkWindow(d);
                    return d;
                })
                .chain(d -> transactions.run(conn -> payments.requirePaid(conn, d, CollectorConfig.PaymentRequiredAt.CHECK_IN)
                        .chain(() -> lifecycle.move(conn, d,
                                Lifecycle.Change.to(DeclarationStatus.CHECKED_IN, "CHECKED_IN")
                                        .stamping(Stamp.checkedIn(OffsetDateTime.now(clock)))
                                        .with(Map.of("by", request.token() != null ? "qr" : "plate")),
                                Actor.of(caller)))))
                .call(d -> yard.changed(d.gateCode(), d.direction()));
    }

    private Uni<Declaration> find(String gate, CheckInRequest request) {
        if (request == null || (request.token() == null && request.plate() == null)) {
            throw Problems.invalidField("token", "give the scanned QR token, or plate and direction");
        }
        if (request.token() != null) {
            UUID id = tokens.verify(request.token()).declarationId();
            return declarations.find(id);
        }
        if (request.direction() == null) {
            throw Problems.invalidField("direction", "is required with plate (EXPORT or IMPORT)");
        }
        Optional<String> plateKey = VehiclePlate.canonical(request.plate(), "VN")
                .or(() -> VehiclePlate.canonical(request.plate(), "CN"));
        if (plateKey.isEmpty()) {
            throw Problems.invalidField("plate", "is not a Vietnamese or Chinese plate");
        }
        // The truck's booking whose check-in window is nearest now, at this gate and direction.
        return statements.bookingNearest(gate, request.direction(), plateKey.get(), OffsetDateTime.now(clock))
                .chain(id -> id == null ? Uni.createFrom().nullItem() : declarations.find(id));
    }

    private void checkWindow(Declaration d) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime opens = d.slot().start().minus(config.checkInEarly());
        OffsetDateTime closes = d.slot().end().plus(config.checkInLate());
        Map<String, Object> window = Map.of("opensAt", Times.iso(opens), "closesAt", Times.iso(closes));
        if (now.isBefore(opens)) {
            throw new ProblemException(409, "check-in-too-early", "Too early to check in",
                    "check-in for " + d.reference() + " opens at " + Times.iso(opens)).with(ProblemMember.WINDOW, window);
        }
        if (now.isAfter(closes)) {
            throw new ProblemException(409, "check-in-too-late", "Too late to check in",
                    "check-in for " + d.reference() + " closed at " + Times.iso(closes)).with(ProblemMember.WINDOW, window);
        }
    }
}
