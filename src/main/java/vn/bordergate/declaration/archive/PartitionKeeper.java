package vn.bordergate.declaration.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.persistence.RetentionConfig;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the day partitions of declarations, their events and inspections moving with the calendar, off
 * the request path:
 * <ul>
 *     <li>creates each day's partitions {@code bordergate.retention.partitions-ahead} days ahead, so a
 *     booking never waits for DDL (and a keeper that fails for days still leaves two weeks to notice:
 *     {@code bordergate_partition_days_ahead} falls);</li>
 *     <li>marks a day finished once none of its declarations is live, so the live statements start after it
 *     ({@code PartitionDayQueries.liveFrom});</li>
 *     <li>archives a day once it is past {@code declarations-online} and finished (see
 *     {@link PartitionStatements#archivable}): its partitions are detached into the {@code archive} schema,
 *     where operators and auditors still read them with SQL, out of every query of the service;</li>
 *     <li>drops an archived day {@code declarations-years} after the newest slot it holds.</li>
 * </ul>
 * Runs on every instance; PostgreSQL's advisory lock lets one at a time do the work.
 */
@ApplicationScoped
public class PartitionKeeper {

    private final PartitionStatements partitions;
    // Told when days finish, so the live statements of this instance leave them out at once.
    private final PartitionDayQueries dayPartitions;
    private final RetentionConfig config;
    private final Clock clock;
    private final AtomicInteger daysAhead = new AtomicInteger(-1);
    private final AtomicInteger liveBehind = new AtomicInteger(0);
    private final Counter archived;
    private final Counter dropped;

    public PartitionKeeper(PartitionStatements partitions, RetentionConfig config, Clock clock, MeterRegistry metrics,
                           PartitionDayQueries dayPartitions) {
        this.partitions = partitions;
        this.dayPartitions = dayPartitions;
        this.config = config;
        this.clock = clock;
        Gauge.builder("bordergate_partition_days_ahead", daysAhead, AtomicInteger::get)
                .description("Days from today (UTC) for which declarations can be written: alert below 7")
                .register(metrics);
        // Each such day is read by every live statement (yard, calls, board, event feed) until it finishes.
        Gauge.builder("bordergate_partition_days_live_behind", liveBehind, AtomicInteger::get)
                .description("Booking days before yesterday with a declaration still live (a truck stuck in the yard "
                        + "or never recorded leaving): alert above 3")
                .register(metrics);
        this.archived = Counter.builder("bordergate_partition_days_archived_total")
                .description("Days of declarations detached into the archive schema").register(metrics);
        this.dropped = Counter.builder("bordergate_partition_days_dropped_total")
                .description("Archived days dropped at the end of their retention").register(metrics);
    }

    @Scheduled(every = "{bordergate.retention.partitions-every:1h}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        LocalDate today = today();
        return createAhead(today).chain(() -> finishDays(today)).chain(() -> archiveOld(today)).chain(() -> dropExpired(today))
                .onFailure().invoke(e -> Log.warnf("partition maintenance failed, next run tries again: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Creates the missing partitions from yesterday to {@code partitions-ahead} days after {@code today}. */
    public Uni<Void> createAhead(LocalDate today) {
        LocalDate last = today.plusDays(config.partitionsAhead());
        return partitions.days("public").chain(existing -> {
            List<LocalDate> missing = new ArrayList<>();
            for (LocalDate day = today.minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                if (!existing.contains(Optional.of(day))) {
                    missing.add(day);
                }
            }
            return Multi.createFrom().iterable(missing).onItem().transformToUniAndConcatenate(partitions::create)
                    .collect().asList().invoke(created -> {
                        if (!missing.isEmpty()) {
                            Log.infof("created the partitions of %d days (%s to %s)", missing.size(), missing.get(0),
                                    missing.get(missing.size() - 1));
                        }
                    });
        }).chain(() -> Multi.createFrom().items(today.minusDays(1), today, today.plusDays(1))
                        .onItem().transformToUniAndConcatenate(partitions::expectSlotDays).collect().asList())
                .chain(() -> partitions.days("public")).invoke(existing -> daysAhead.set(writableDaysFrom(today, existing)))
                .replaceWithVoid();
    }

    /**
     * Marks finished the online days before yesterday none of whose declarations is live any more (new ones are
     * only written into today's partition, give or take a clock's drift); answers them.
     */
    public Uni<List<Optional<LocalDate>>> finishDays(LocalDate today) {
        return partitions.unfinished().chain(days -> Multi.createFrom().iterable(days)
                .filter(day -> day.isEmpty() || day.get().isBefore(today.minusDays(1)))
                .onItem().transformToUniAndConcatenate(day -> partitions.finish(day.orElse(null)).map(done -> done ? day : null))
                .filter(day -> day != null)
                .collect().asList()
                .invoke(finished -> {
                    if (!finished.isEmpty()) {
                        dayPartitions.forgetDays();
                    }
                })
                .invoke(finished -> liveBehind.set((int) days.stream()
                        .filter(day -> day.isEmpty() || day.get().isBefore(today.minusDays(1)))
                        .filter(day -> !finished.contains(day)).count())));
    }

    /** Archives the days booked before the online window whose declarations are all finished; answers them. */
    public Uni<List<Optional<LocalDate>>> archiveOld(LocalDate today) {
        LocalDate onlineFrom = today.minusDays(config.declarationsOnline().toDays());
        return partitions.days("public").chain(existing -> Multi.createFrom().iterable(existing)
                .filter(day -> day.isEmpty() || day.get().isBefore(onlineFrom))
                .onItem().transformToUniAndConcatenate(day -> partitions.archivable(day.orElse(null), onlineFrom)
                        .chain(ok -> ok ? partitions.archive(day.orElse(null)) : Uni.createFrom().item(false))
                        .map(done -> done ? day : null))
                .filter(day -> day != null)
                .collect().asList()
                .invoke(days -> days.forEach(day -> {
                    archived.increment();
                    Log.infof("archived the declarations booked on %s", day.map(LocalDate::toString).orElse("(undated)"));
                })));
    }

    /** Drops the archived days whose newest slot is more than {@code declarations-years} before {@code today}. */
    public Uni<List<Optional<LocalDate>>> dropExpired(LocalDate today) {
        LocalDate keptFrom = today.minusYears(config.declarationsYears());
        return partitions.days(PartitionStatements.ARCHIVE).chain(archivedDays -> Multi.createFrom().iterable(archivedDays)
                .filter(day -> day.isEmpty() || day.get().isBefore(keptFrom))
                .onItem().transformToUniAndConcatenate(day -> partitions.newestSlotDayArchived(day.orElse(null))
                        .chain(newest -> newest == null || newest.isBefore(keptFrom)
                                ? partitions.drop(day.orElse(null)) : Uni.createFrom().item(false))
                        .map(done -> done ? day : null))
                .filter(day -> day != null)
                .collect().asList()
                .invoke(days -> days.forEach(day -> {
                    dropped.increment();
                    Log.infof("dropped the archived declarations booked on %s, past their retention",
                            day.map(LocalDate::toString).orElse("(undated)"));
                })));
    }

    /** Creates one day's partitions now (for a day outside the usual window, e.g. in tests). */
    public Uni<Boolean> create(LocalDate day) {
        return partitions.create(day);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Consecutive days from today that have partitions: how long bookings can go on without the keeper. */
    private static int writableDaysFrom(LocalDate today, java.util.Set<Optional<LocalDate>> existing) {
        int n = 0;
        while (existing.contains(Optional.of(today.plusDays(n)))) {
            n++;
        }
        return n;
    }
}
