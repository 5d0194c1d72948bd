package vn.bordergate.declaration;

/** Why a firm cancels a booking; optional, kept in the audit trail. */
public record CancelRequest(String reason) {
}
