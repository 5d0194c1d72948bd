package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.Problems;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gates, read through a short-lived in-memory copy: every booking needs its gate, and a few dozen rows
 * that change a few times a year are not worth a database round trip per request.
 */
@ApplicationScoped
public class GateCatalog {

    // A change made on another instance shows here within FRESHNESS; the Redis ledgers it reloads are exact
    // at once, so a slot it removed is refused everywhere meanwhile.
    private static final Duration FRESHNESS = Duration.ofSeconds(30);
    private static final Duration MISS_RELOAD = Duration.ofSeconds(1);

    private volatile Map<String, Gate> gates = Map.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    public Uni<List<Gate>> all() {
        return current().map(byCode -> byCode.values().stream()
                .sorted((a, b) -> a.code.compareTo(b.code)).toList());
    }

    /** The gate, or a 404 problem. */
    public Uni<Gate> require(String code) {
        return find(code).onItem().ifNull().failWith(() -> Problems.notFound("gate " + code));
    }

    /**
     * Whether {@code code} names a gate this instance has loaded. For labels and keys built from what a
     * client sent: an unknown code must never become new state.
     */
    public boolean isKnown(String code) {
        return code != null && gates.containsKey(code);
    }

    /**
     * The gate, or null when no gate has that code. A code this copy does not know is looked up again (at
     * most once a second): a gate onboarded on another instance takes bookings here at once.
     */
    public Uni<Gate> find(String code) {
        return current().chain(byCode -> {
            if (code == null || byCode.containsKey(code)) {
                return Uni.createFrom().item(code == null ? null : byCode.get(code));
            }
            if (loadedAt.plus(MISS_RELOAD).isAfter(Instant.now())) {
                return Uni.createFrom().nullItem();
            }
            return load().map(reloaded -> reloaded.get(code));
        });
    }

    /** Forgets the copy: the next read loads the gates again (after a change made on this instance). */
    public void invalidate() {
        loadedAt = Instant.EPOCH;
    }

    private Uni<Map<String, Gate>> current() {
        if (!gates.isEmpty() && loadedAt.plus(FRESHNESS).isAfter(Instant.now())) {
            return Uni.createFrom().item(gates);
        }
        return load();
    }

    private Uni<Map<String, Gate>> load() {
        java.time.OffsetDateTime dayAgo = java.time.OffsetDateTime.now().minusDays(1);
        return Panache.withSession(() -> Gate.<Gate>listAll().chain(list -> Closure.<Closure>list(
                "reopenedAt is null and endsAt > ?1", dayAgo).map(closures -> {
            list.forEach(gate -> gate.setClosures(closures.stream().filter(c -> c.gateCode.equals(gate.code)).toList()));
            return list;
        })).chain(list -> BorderRule.<BorderRule>list(
                "endedAt is null and (validUntil is null or validUntil > ?1)", dayAgo).map(rules -> {
            list.forEach(gate -> gate.setRules(rules.stream().filter(r -> r.gateCode.equals(gate.code)).toList()));
            return list;
        }))).map(list -> {
            gates = list.stream().collect(Collectors.toUnmodifiableMap(g -> g.code, Function.identity()));
            loadedAt = Instant.now();
            return gates;
        });
    }
}
