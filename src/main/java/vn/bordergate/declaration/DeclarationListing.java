package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Finds the declarations a caller may see: one by id (anything else answers 404, as if it did not exist),
 * or a list with keyset pagination on (booking day, created_at, id): stable while new bookings arrive, as fast
 * on page 1,000 as on page 1, and reading only the day partitions its page needs.
 */
@ApplicationScoped
public class DeclarationListing {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final DeclarationRepository repository;
    private final ArchivedDeclarationQueries archived;
    private final DeclarationFees fees;

    public DeclarationListing(DeclarationRepository repository, ArchivedDeclarationQueries archived, DeclarationFees fees) {
        this.repository = repository;
        this.archived = archived;
        this.fees = fees;
    }

    /**
     * The declaration {@code id} if the caller may read it, online or archived; 410 when its day was dropped at
     * the end of its retention; 404 otherwise, whether it exists or not.
     */
    public Uni<Declaration> visible(Caller caller, UUID id) {
        return repository.find(id)
                .chain(online -> online != null ? Uni.createFrom().item(online) : archived.find(id))
                .chain(d -> d != null ? Uni.createFrom().item(d) : archived.dropped(id).map(dropped -> {
                    if (dropped) {
                        throw Problems.gone("declaration " + id + " was booked on a day whose records were deleted "
                                + "at the end of their legal retention");
                    }
                    return null;
                }))
                .map(d -> {
                    if (d == null || !Access.canRead(caller, d)) {
                        throw Problems.notFound("declaration " + id);
                    }
                    return d;
                });
    }

    public Uni<DeclarationPage> page(Caller caller, String gate, String status, String date, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw Problems.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        DeclarationRepository.Listing listing = new DeclarationRepository.Listing(Access.scope(caller), gate,
                status == null ? null : parseStatus(status), date == null ? null : Times.date("date", date),
                cursor == null ? null : Cursor.decode(cursor));
        return repository.page(listing, size + 1).chain(rows -> {
            boolean more = rows.size() > size;
            List<Declaration> page = more ? rows.subList(0, size) : rows;
            String next = more ? new Cursor(page.get(size - 1).createdAt(), page.get(size - 1).id()).encode() : null;
            return fees.views(page).map(views -> new DeclarationPage(views, next));
        });
    }

    /** Position after the last row of a page; opaque to clients. */
    public record Cursor(OffsetDateTime createdAt, UUID id) {

        String encode() {
            String raw = createdAt + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                Cursor decoded = new Cursor(OffsetDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
                if (Times.outOfRange("cursor", decoded.createdAt()).isPresent()) {
                    throw new IllegalArgumentException("a time this API never wrote");
                }
                return decoded;
            } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw Problems.invalidField("cursor", "is not a cursor returned by this API");
            }
        }
    }

    private static DeclarationStatus parseStatus(String status) {
        try {
            return DeclarationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("status", "must be one of " + List.of(DeclarationStatus.values()));
        }
    }
}
