package vn.bordergate.inspection;

import vn.bordergate.declaration.DeclarationStatus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Where a declaration stands with each required agency after a decision. */
public record InspectionView(UUID declarationId, String reference, DeclarationStatus status, int version,
                             List<AgencyDecision> decisions, List<String> pending) {

    /** As a firm or driver sees it: each agency's decision, without the officer or the internal note. */
    public InspectionView asSeenByTradeParty() {
        return new InspectionView(declarationId, reference, status, version, decisions.stream()
                .map(d -> new AgencyDecision(d.agency(), d.decision(), null, null, d.decidedAt())).toList(), pending);
    }

    /** One agency's latest decision. */
    public record AgencyDecision(String agency, InspectionRequest.Decision decision, String note, String officer,
                                 OffsetDateTime decidedAt) {
    }
}
