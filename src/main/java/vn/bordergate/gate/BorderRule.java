package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * A rule a province sets for one of its gates for a period, as data (never code): how far ahead a slot may lie
 * after the declaration ({@link Kind#DECLARATION_WINDOW}), or cargo the gate does not take
 * ({@link Kind#CATEGORY_STOP}). The catalog attaches the rules in force to each gate it loads, so a booking
 * checks them without a database round trip.
 */
@Entity
@Table(name = "border_rules")
public class BorderRule extends PanacheEntityBase {

    public enum Kind { DECLARATION_WINDOW, CATEGORY_STOP }

    @Id
    public UUID id;
    @Column(name = "gate_code", columnDefinition = "text")
    public String gateCode;
    @Column(columnDefinition = "text")
    public String kind;
    /** IMPORT or EXPORT; null for both. */
    @Column(columnDefinition = "text")
    public String direction;
    @Column(name = "valid_from")
    public OffsetDateTime validFrom;
    /** Null: until ended. */
    @Column(name = "valid_until")
    public OffsetDateTime validUntil;
    @Column(name = "max_days_ahead")
    public Integer maxDaysAhead;
    @Column(columnDefinition = "text[]")
    public String[] categories = new String[0];
    @Column(name = "hs_prefixes", columnDefinition = "text[]")
    public String[] hsPrefixes = new String[0];
    @Column(name = "reason_vi", columnDefinition = "text")
    public String reasonVi;
    @Column(name = "reason_en", columnDefinition = "text")
    public String reasonEn;
    @Column(name = "created_by", columnDefinition = "text")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    public Kind kind() {
        return Kind.valueOf(kind);
    }

    /** Whether the rule is in force at that instant: inside its period and not ended before it. */
    public boolean inForceAt(Instant at) {
        return !validFrom.toInstant().isAfter(at)
                && (validUntil == null || validUntil.toInstant().isAfter(at))
                && (endedAt == null || endedAt.toInstant().isAfter(at));
    }

    /** Whether the rule speaks of trucks going that way (IMPORT, EXPORT). */
    public boolean covers(String truckDirection) {
        return direction == null || direction.equals(truckDirection);
    }

    /** For a category stop: whether cargo of that category and HS code is stopped by this rule. */
    public boolean stops(String category, String hsCode) {
        return Arrays.asList(categories).contains(category)
                || (hsCode != null && Arrays.stream(hsPrefixes).anyMatch(hsCode::startsWith));
    }
}
