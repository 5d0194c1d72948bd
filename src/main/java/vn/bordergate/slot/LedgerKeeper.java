package vn.bordergate.slot;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the Redis ledgers in step with PostgreSQL: right after start-up, then each minute, checks that Redis
 * holds the epoch PostgreSQL has, rebuilding any ledger that is missing or stale (e.g. after Redis
 * restarted, or after bookings decided while it was unreachable).
 * <p>
 * Every instance checks, and each rebuild is done once: a rebuild happens only if PostgreSQL still holds the
 * epoch this check saw, so an instance that finds another already rebuilt the ledger leaves it alone. A new
 * instance (a scale-out in the middle of a stampede) therefore rebuilds nothing that is right: a rebuild
 * writes a new epoch, which sends every booking in flight on every instance back to claim again.
 */
@ApplicationScoped
public class LedgerKeeper {

    private final GateCatalog gates;
    private final SlotSchedule schedule;
    private final LedgerRebuild rebuild;
    private final SlotLedger ledger;
    private final SlotStatements statements;
    private final HeldPlaces held;
    private final AdmissionConfig config;
    private final Map<LedgerKey, Map<String, String>> differing = new ConcurrentHashMap<>();

    public LedgerKeeper(GateCatalog gates, SlotSchedule schedule, LedgerRebuild rebuild, SlotLedger ledger,
                        SlotStatements statements, HeldPlaces held, AdmissionConfig config) {
        this.config = config;
        this.gates = gates;
        this.schedule = schedule;
        this.rebuild = rebuild;
        this.ledger = ledger;
        this.statements = statements;
        this.held = held;
    }

    private volatile boolean checkedOnce;

    /** Whether the first check after start-up has finished (whatever it found), or checks are switched off. */
    public boolean checkedOnce() {
        return checkedOnce || "off".equals(config.reconcileEvery());
    }

    /**
     * Runs right after start-up, then every minute. Not awaited by start-up, so the service answers at once
     * (a request meeting a missing ledger rebuilds it itself).
     */
    @Scheduled(every = "{bordergate.admission.reconcile-every:60s}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> everyMinute() {
        return rebuildStale()
                .onTermination().invoke(() -> checkedOnce = true)
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("rebuilt %d missing or stale slot ledgers from PostgreSQL", n);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("ledger check failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Rebuilds the ledgers that are missing, hold another epoch than PostgreSQL, or whose counts stayed
     * different from PostgreSQL's over two checks, unless another instance rebuilt them meanwhile; answers
     * how many this instance rebuilt.
     */
    public Uni<Integer> rebuildStale() {
        return gates.all().chain(list -> {
            List<Gate> gateOfDay = new ArrayList<>();
            List<LocalDate> days = new ArrayList<>();
            for (Gate gate : list) {
                // Up to the day that opens next: its ledger is ready before the stampede at its opening.
                for (LocalDate day = schedule.today(gate); !day.isAfter(schedule.nextToOpen(gate)); day = day.plusDays(1)) {
                    gateOfDay.add(gate);
                    days.add(day);
                }
            }
            LocalDate first = days.stream().min(LocalDate::compareTo).orElse(LocalDate.now());
            LocalDate last = days.stream().max(LocalDate::compareTo).orElse(LocalDate.now());
            return statements.epochsFrom(LocalDate.now().minusDays(1)).chain(pgEpochs -> held.perSlot(first, last).chain(pgPlaces ->
                    Multi.createFrom().range(0, days.size())
                    .onItem().transformToUniAndConcatenate(i -> {
                        LedgerKey key = new LedgerKey(gateOfDay.get(i).code, days.get(i));
                        String seen = pgEpochs.get(key);
                        Uni<Boolean> stale = ledger.read(key)
                                .map(state -> state == null || !state.epoch().equals(seen)
                                        || countsDifferTwice(key, state, pgPlaces));
                        return stale.chain(rebuildIt -> rebuildIt
                                ? rebuild.replaceUnlessRebuiltSince(gateOfDay.get(i), days.get(i), seen)
                                        .map(done -> done ? 1 : 0)
                                : Uni.createFrom().item(0));
                    })
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
        });
    }

    /**
     * A claim whose PostgreSQL write never happened (an instance died in between) leaves Redis counting a
     * place no row holds. Counts also differ for a moment while bookings are in flight, so a ledger is
     * rebuilt only when some slot differs from PostgreSQL with the same two counts on two checks in a row,
     * i.e. nothing moved there in between and the difference stayed.
     */
    private boolean countsDifferTwice(LedgerKey key, LedgerState state, Map<LedgerKey, Map<String, Integer>> pgPlaces) {
        Map<String, Integer> counted = pgPlaces.getOrDefault(key, Map.of());
        Map<String, String> differences = new HashMap<>();
        java.util.Set<String> fields = new java.util.HashSet<>(state.used().keySet());
        fields.addAll(counted.keySet());
        for (String field : fields) {
            int inRedis = state.used(field);
            int inPostgres = counted.getOrDefault(field, 0);
            if (inRedis != inPostgres) {
                differences.put(field, inRedis + "/" + inPostgres);
            }
        }
        Map<String, String> before = differing.put(key, differences);
        if (before == null || differences.isEmpty()) {
            return false;
        }
        return differences.entrySet().stream().anyMatch(d -> d.getValue().equals(before.get(d.getKey())));
    }
}
