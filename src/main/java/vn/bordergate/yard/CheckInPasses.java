package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;
import vn.bordergate.yard.QrCodeResource.QrToken;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues a booking's check-in pass: a signed token the driver shows at the yard. Only the booking's firm
 * or its driver gets one, only before check-in, and it expires when the check-in window closes (or after
 * the configured validity, whichever is sooner).
 */
@ApplicationScoped
class CheckInPasses {

    private final DeclarationListing declarations;
    private final QrTokens tokens;
    private final YardConfig config;
    private final Clock clock;

    CheckInPasses(DeclarationListing declarations, QrTokens tokens, YardConfig config, Clock clock) {
        this.declarations = declarations;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    Uni<QrToken> issue(Caller caller, UUID declarationId) {
        return declarations.visible(caller, declarationId).map(d -> {
            if (!caller.is(Roles.ENTERPRISE) && !caller.is(Roles.DRIVER)) {
                throw Problems.notFound("declaration " + declarationId);
            }
            if (d.status() != DeclarationStatus.BOOKED) {
                throw Problems.conflict("invalid-state", "Not allowed in the current status",
                        "declaration " + d.reference() + " is " + d.status() + "; a QR code is only issued before check-in")
                        .with(ProblemMember.CURRENT_STATUS, d.status());
            }
            Instant expiresAt = expiry(d);
            return new QrToken(tokens.issue(d.id(), expiresAt), expiresAt, d.reference());
        });
    }

    private Instant expiry(Declaration d) {
        Instant windowCloses = d.slot().end().toInstant().plus(config.checkInLate());
        Instant cap = clock.instant().plus(config.qrValidity());
        return windowCloses.isBefore(cap) ? windowCloses : cap;
    }
}
