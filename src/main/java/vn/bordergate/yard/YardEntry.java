package vn.bordergate.yard;

import vn.bordergate.declaration.Priority;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One truck waiting in the yard, in call-up order. {@code round} 1 means it already missed a call. */
public record YardEntry(
        int position,
        UUID declarationId,
        String reference,
        String plate,
        Priority priority,
        OffsetDateTime slotStart,
        OffsetDateTime checkedInAt,
        int round) {
}
