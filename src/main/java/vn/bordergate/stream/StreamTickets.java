package vn.bordergate.stream;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Short-lived, single-use tickets that let a browser open an authenticated stream. A browser's
 * {@code EventSource} cannot send an {@code Authorization} header, so the page exchanges its bearer token
 * for a ticket (with the header, over fetch) and puts the ticket in the stream's URL. The ticket is kept in
 * Redis, shared by every instance, and removed by the first request that presents it ({@code GETDEL}): a
 * ticket copied from a log or a browser history is already spent, and it expires after {@link #LIFETIME}.
 */
@ApplicationScoped
public class StreamTickets {

    /** Long enough for a slow phone to open the stream after asking, short enough to be useless later. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String PREFIX = "bordergate:stream-ticket:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveRedisDataSource redis;

    public StreamTickets(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** A new ticket standing for the bearer token given; the stream request is verified as if it carried it. */
    public Uni<String> issue(String bearerToken) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return redis.value(String.class).set(PREFIX + ticket, bearerToken, new SetArgs().ex(LIFETIME)).replaceWith(ticket);
    }

    /** The bearer token the ticket stands for, or null if it is unknown, spent or expired. Spends it. */
    public Uni<String> redeem(String ticket) {
        if (ticket == null || ticket.length() != 43 || !ticket.chars().allMatch(StreamTickets::isBase64Url)) {
            return Uni.createFrom().nullItem();
        }
        return redis.value(String.class).getdel(PREFIX + ticket);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
