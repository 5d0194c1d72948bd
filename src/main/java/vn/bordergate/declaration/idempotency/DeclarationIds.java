package vn.bordergate.declaration.idempotency;

import vn.bordergate.persistence.PartitionDayQueries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Declaration ids: a version-8 UUID whose first 32 bits count the days from 1970-01-01 to the (UTC) day
 * it was booked, and whose other bits are a hash of what identifies the request (its firm, key and body).
 * <ul>
 *     <li>The day names the partition the declaration and its events live in, so a lookup by id touches one
 *     partition (PostgreSQL's {@code partition_day_of(id)} reads the same bits).</li>
 *     <li>The hash makes every attempt of one request on one day mint the same id, so a retry or a twin finds
 *     the place its first attempt holds, and the primary key lets only one row be written.</li>
 * </ul>
 * Ids minted before partitioning are name-based (version 3) and carry no day: their partition is the
 * undated one, as {@link #partitionDay} says.
 */
public final class DeclarationIds {

    /** The day the undated partition holds: where ids without a day live. */
    public static final LocalDate UNDATED = LocalDate.EPOCH;

    private DeclarationIds() {
    }

    /** The id of the declaration booked on {@code day} by the request {@code identity} names. */
    public static UUID mint(LocalDate day, String identity) {
        ByteBuffer hash = ByteBuffer.wrap(sha256(identity));
        long high = (day.toEpochDay() << 32) | (hash.getLong() & 0xFFFF_FFFFL);
        high = (high & ~0xF000L) | 0x8000L;                            // version 8: custom layout
        long low = (hash.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE; // variant 10 (RFC 9562)
        return new UUID(high, low);
    }

    /** The day of the partition that holds the declaration with this id. */
    public static LocalDate partitionDay(UUID id) {
        return PartitionDayQueries.dayOf(id);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether a unique violation on {@code constraint} is on a declaration's id (any day partition's key). */
    public static boolean isPrimaryKey(String constraint) {
        return constraint != null && constraint.startsWith("declarations_") && constraint.endsWith("_pkey");
    }
}
