package vn.bordergate.declaration;

import vn.bordergate.gate.BorderRule;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gate's border rules ({@link BorderRule}) applied to one truck's slot: the first rule that refuses it, if
 * any. The declaration window is the one in force when the declaration is made; a category stop, the one in
 * force at the slot. Both refusals name the rule and give its reason in the province's words.
 */
public final class BorderRuleChecks {

    private BorderRuleChecks() {
    }

    /**
     * What the gate's rules in force now say of a declaration already made, for its firm and the officers: its
     * slot lies beyond the declaration window, or the window has run out before the truck crossed (the partner
     * side may have revoked its pre-declaration), or its cargo is stopped for its slot. Only for a truck still on
     * its way; empty otherwise.
     */
    public static List<DeclarationView.RuleFlag> flags(Gate gate, Declaration d, Instant now) {
        if (!DeclarationStatus.HOLDING_TRUCK.contains(d.status()) || gate.rules().isEmpty()) {
            return List.of();
        }
        List<DeclarationView.RuleFlag> flags = new ArrayList<>();
        String direction = d.direction().name();
        for (BorderRule window : gate.rulesAt(BorderRule.Kind.DECLARATION_WINDOW, now, direction)) {
            Instant windowEnds = d.createdAt().toInstant().plus(Duration.ofDays(window.maxDaysAhead));
            if (d.slot().start().toInstant().isAfter(windowEnds)) {
                flags.add(new DeclarationView.RuleFlag(window.id.toString(), "outside-declaration-window",
                        "Khung giờ sau hạn khai báo trước (" + window.maxDaysAhead + " ngày): " + window.reasonVi,
                        "The slot lies beyond the declaration window (" + window.maxDaysAhead + " days): " + window.reasonEn));
            } else if (now.isAfter(windowEnds)) {
                flags.add(new DeclarationView.RuleFlag(window.id.toString(), "outside-declaration-window",
                        "Đã quá hạn khai báo trước (" + window.maxDaysAhead + " ngày) mà xe chưa qua: " + window.reasonVi,
                        "The declaration window (" + window.maxDaysAhead + " days) has run out before the truck crossed: "
                                + window.reasonEn));
            }
        }
        if (d.status() == DeclarationStatus.BOOKED) {
            String category = d.cargo() == null || d.cargo().category() == null ? null : d.cargo().category().name();
            String hsCode = d.cargo() == null ? null : d.cargo().hsCode();
            for (BorderRule stop : gate.rulesAt(BorderRule.Kind.CATEGORY_STOP, d.slot().start().toInstant(), direction)) {
                if (stop.stops(category, hsCode)) {
                    flags.add(new DeclarationView.RuleFlag(stop.id.toString(), "category-stopped",
                            "Cửa khẩu tạm dừng tiếp nhận hàng này trong khung giờ đã đặt: " + stop.reasonVi,
                            "The gate does not take this cargo in the booked slot: " + stop.reasonEn));
                }
            }
        }
        return flags;
    }

    /** Why the gate's rules refuse this truck in this slot, or empty when none does. */
    public static Optional<ProblemException> refusal(Gate gate, Direction direction, CargoCategory category, String hsCode,
                                                     OffsetDateTime slotStart, Instant now) {
        for (BorderRule window : gate.rulesAt(BorderRule.Kind.DECLARATION_WINDOW, now, direction.name())) {
            Instant latest = now.plus(Duration.ofDays(window.maxDaysAhead));
            if (slotStart.toInstant().isAfter(latest)) {
                return Optional.of(Problems.conflict("outside-declaration-window", "Slot beyond the declaration window",
                                "at " + gate.code + " a slot may lie at most " + window.maxDaysAhead + " days after the "
                                        + "declaration is made (" + window.reasonEn + " / " + window.reasonVi + ")")
                        .with(ProblemMember.RULE, window.id.toString()));
            }
        }
        String categoryName = category == null ? null : category.name();
        for (BorderRule stop : gate.rulesAt(BorderRule.Kind.CATEGORY_STOP, slotStart.toInstant(), direction.name())) {
            if (stop.stops(categoryName, hsCode)) {
                return Optional.of(Problems.conflict("category-stopped", "Cargo not taken at this gate then",
                                gate.code + " takes no " + (hsCode != null && !stop.stops(categoryName, null) ? "HS " + hsCode
                                        : categoryName) + " cargo for slots from " + stop.validFrom
                                        + (stop.validUntil == null ? "" : " to " + stop.validUntil) + " (" + stop.reasonEn
                                        + " / " + stop.reasonVi + ")")
                        .with(ProblemMember.RULE, stop.id.toString()));
            }
        }
        return Optional.empty();
    }
}
