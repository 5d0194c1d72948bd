package vn.bordergate.fee;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Every province's fee schedules, read through an in-memory copy: each declaration shown carries its fee, and
 * a few versions a year are not worth a database round trip per declaration. A version is set only for a
 * day not yet begun, so a copy about {@link #FRESHNESS} old prices every trip as the database would, unless
 * a version is set in the last seconds before its day.
 */
@ApplicationScoped
public class FeeSchedules {

    /** Border provinces keep one civil day: the day a version takes effect is a day in Viet Nam. */
    public static final ZoneId VIET_NAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration FRESHNESS = Duration.ofSeconds(30);

    private final FeeScheduleRepository repository;
    private final Clock clock;
    private volatile Map<String, NavigableMap<LocalDate, FeeSchedule>> byProvince = Map.of();
    private volatile Instant loadedAt = Instant.EPOCH;
    private final AtomicBoolean reloading = new AtomicBoolean();

    FeeSchedules(FeeScheduleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The version of {@code province} in force on {@code day}, or null when none is. */
    public Uni<FeeSchedule> inForce(String province, LocalDate day) {
        return current().map(all -> {
            NavigableMap<LocalDate, FeeSchedule> versions = all.get(province);
            var entry = versions == null ? null : versions.floorEntry(day);
            return entry == null ? null : entry.getValue();
        });
    }

    /** Every version of {@code province}, oldest first (read from the database, not the copy). */
    Uni<List<FeeSchedule>> versionsOf(String province) {
        return repository.all().map(all -> all.stream().filter(s -> s.province().equals(province)).toList());
    }

    /** The first day whose version may still be set: tomorrow in Viet Nam. */
    LocalDate firstChangeableDay() {
        return LocalDate.now(clock.withZone(VIET_NAM)).plusDays(1);
    }

    /** Forgets the copy after a version was set on this instance. */
    void invalidate() {
        loadedAt = Instant.EPOCH;
    }

    /**
     * The copy; when it is older than {@link #FRESHNESS} it is still answered while one reload runs behind
     * it, so an opening burst that finds the copy stale does not send every request to the database. Only
     * the first read, and the first after a change made here, wait for the load.
     */
    private Uni<Map<String, NavigableMap<LocalDate, FeeSchedule>>> current() {
        Instant loaded = loadedAt;
        if (loaded.plus(FRESHNESS).isAfter(clock.instant())) {
            return Uni.createFrom().item(byProvince);
        }
        if (loaded.equals(Instant.EPOCH)) {
            return load();
        }
        if (reloading.compareAndSet(false, true)) {
            load().subscribe().with(fresh -> reloading.set(false), failure -> reloading.set(false));
        }
        return Uni.createFrom().item(byProvince);
    }

    private Uni<Map<String, NavigableMap<LocalDate, FeeSchedule>>> load() {
        return repository.all().map(all -> {
            byProvince = all.stream().collect(Collectors.groupingBy(FeeSchedule::province,
                    Collectors.toMap(FeeSchedule::effectiveFrom, s -> s, (a, b) -> b, TreeMap::new)));
            loadedAt = clock.instant();
            return byProvince;
        });
    }
}
