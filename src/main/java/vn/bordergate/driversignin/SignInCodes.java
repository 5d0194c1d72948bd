package vn.bordergate.driversignin;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/**
 * One-time codes a driver signs in with, issued for one declaration by its firm. A code is eight letters and
 * digits of an alphabet without look-alikes (no I, L, O, U: read aloud or typed from an SMS on a small phone),
 * shown as {@code ABCD-EFGH}: 40 bits, guessed by nobody within its {@link #LIFETIME} under the request budget.
 * Codes live in Redis, shared by every instance, and are spent by their first use ({@code GETDEL}).
 */
@ApplicationScoped
class SignInCodes {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 8;
    private static final String PREFIX = "bordergate:driver-sign-in:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveRedisDataSource redis;

    SignInCodes(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** A new code standing for the driver ({@code phone}) of the declaration with that reference. */
    Uni<String> issue(String phone, String reference) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return redis.value(String.class).set(PREFIX + code, phone + " " + reference, new SetArgs().ex(LIFETIME))
                .replaceWith(code.substring(0, 4) + "-" + code.substring(4));
    }

    /** The phone and reference the code stands for, as {@code "phone reference"}, or null if unknown, spent or expired. */
    Uni<String> redeem(String typed) {
        String code = normalized(typed);
        return code == null ? Uni.createFrom().nullItem() : redis.value(String.class).getdel(PREFIX + code);
    }

    /** The code as issued, however it was typed (lower case, spaces, the dash); null if it cannot be one. */
    static String normalized(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return code;
    }
}
