package vn.bordergate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash chain over one declaration's events: each event's hash covers its own fields and the hash of
 * the event before it, so editing, inserting or deleting a row in the middle breaks every later link.
 */
final class EventChain {

    /** The "previous hash" of a declaration's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final char SEPARATOR = '\u001f';

    private EventChain() {
    }

    public static String hash(String previousHash, UUID declarationId, String type, String fromStatus, String toStatus,
                              String actor, String actorRole, String gateCode, String reason, String details,
                              OffsetDateTime occurredAt) {
        StringBuilder canonical = new StringBuilder(previousHash);
        for (Object field : new Object[]{declarationId, type, fromStatus, toStatus, actor, actorRole, gateCode, reason,
                details, micros(occurredAt)}) {
            canonical.append(SEPARATOR).append(field == null ? "" : field);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL keeps microseconds: the hash covers exactly what is stored. */
    static long micros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00:00Z"), time);
    }

    public static OffsetDateTime truncate(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
