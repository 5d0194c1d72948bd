package vn.bordergate.bench;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerState;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotLedger;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotStatements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bench's exactness checks, run on PostgreSQL and Redis after the load (by {@link BenchDriver}, or on their own):
 *
 * <ol>
 *   <li><b>capacity</b>: no slot holds more places than its capacity;</li>
 *   <li><b>201-rows</b>: every declaration answered 201 has exactly one row, and every 201 counted by a
 *       scenario left its id;</li>
 *   <li><b>ledger</b>: every live Redis ledger of the bookable gate-days counts, per slot, the places
 *       PostgreSQL holds, and has PostgreSQL's capacity;</li>
 *   <li><b>trucks</b>: no truck holds two bookings on one day;</li>
 *   <li><b>stampede</b> (with {@code --stampede}): the stampede's gate-day holds no more than its places,
 *       Redis counts what PostgreSQL holds, and every stampede 201 holds a place there.</li>
 * </ol>
 *
 * The domain comes from the service's own code, not restated here: the statuses that hold a place are
 * {@link DeclarationStatus#HOLDING_PLACE} (and those that keep the truck from another booking that day
 * {@link DeclarationStatus#HOLDING_TRUCK}), slots are laid out by {@link SlotSchedule}, a slot's capacity is
 * read by {@link SlotStatements#capacities} with {@link Gate#defaultCapacity} otherwise, ledgers are named by
 * {@link LedgerKey} and read by the service's {@link SlotLedger} (so a ledger counts as live exactly when the
 * service would trust it). Only the counting is the check's own: one grouped query over the declarations.
 *
 * <p>A check that compared nothing fails: no 201 ids, no slot holding a place, no live ledger with places,
 * or a stampede gate-day without places is a broken bench, not a pass.
 *
 * <pre>
 * PGURL=postgresql://u:p@host:port/db REDIS_URL=redis://host:port \
 *   java -cp ... vn.bordergate.bench.BenchChecks --results=DIR [--stampede=GATE:DIRECTION:DAY] [--from=YYYY-MM-DD]
 * </pre>
 * {@code --from}: rows whose slot day is before it are history the run did not book (deploy/bench/seed-history.sh
 * seeds only slot days before the run's), left out of the place counts.
 * On their own they print what each check compared and one {@code FIGURE name=value} line per figure, and exit 0
 * when every check held, 3 when one failed, 2 when the checks could not run.
 */
public final class BenchChecks {

    /** The service's own statuses that hold a place, as the names stored in {@code declarations.status}. */
    private static final String[] HOLDING_PLACE = DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE);
    /** The statuses in which a truck may not be booked again on its day. */
    private static final String[] HOLDING_TRUCK = DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK);
    private static final int CHUNK = 5_000;
    private static final int SHOWN = 5;
    /** The request whose 201s are declarations (vn.bordergate.load.Outcomes.ACCEPTING_REQUEST). */
    private static final String BOOK = "book";

    private final BenchStores stores;
    private final Consumer<String> report;
    /** Rows with an earlier slot day are seeded history, not counted; null: every row counts. */
    private final LocalDate from;
    private final SlotSchedule schedule = new SlotSchedule(Clock.systemUTC());
    private final Map<String, Gate> gates = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    /** Places held per slot field of each gate-day ledger, counted from PostgreSQL. */
    private final Map<LedgerKey, Map<String, Integer>> held = new TreeMap<>(
            (a, b) -> a.gateCode().equals(b.gateCode()) ? a.day().compareTo(b.day()) : a.gateCode().compareTo(b.gateCode()));
    /** Rows holding a place whose slot start is no slot of the gate's schedule (the ledger cannot count them). */
    private final List<String> strayRows = new ArrayList<>();
    /** Effective capacity per gate-day and slot field: the slot's own, or the gate's default. */
    private final Map<LedgerKey, Map<String, Integer>> capacities = new HashMap<>();

    private BenchChecks(BenchStores stores, Consumer<String> report, LocalDate from) {
        this.stores = stores;
        this.report = report;
        this.from = from;
    }

    /** The checks' figures (in the order computed) and the names of the checks that failed. */
    record Result(Map<String, String> figures, List<String> failures) {
    }

    /** Runs every check, each saying what it compared to {@code report}. */
    static Result check(BenchStores stores, Path results, String stampede, LocalDate from, Consumer<String> report) {
        BenchChecks checks = new BenchChecks(stores, report, from);
        checks.run(results, stampede);
        return new Result(checks.figures, checks.failures);
    }

    public static void main(String[] argv) {
        int status;
        try {
            BenchArgs args = BenchArgs.parse(argv);
            try (BenchStores stores = BenchStores.fromEnvironment()) {
                String from = args.optional("from", null);
                Result result = check(stores, Path.of(args.required("results")), args.optional("stampede", null),
                        from == null ? null : LocalDate.parse(from), System.out::println);
                result.figures().forEach((name, value) -> System.out.println("FIGURE " + name + "=" + value));
                System.out.println(result.failures().isEmpty() ? "bench checks: all held"
                        : "bench checks FAILED: " + String.join(", ", result.failures()));
                status = result.failures().isEmpty() ? 0 : 3;
            }
        } catch (RuntimeException e) {
            System.out.println("bench checks could not run: " + e);
            e.printStackTrace(System.err);
            status = 2;
        }
        System.exit(status);
    }

    private void run(Path results, String stampede) {
        stores.gates().forEach(g -> gates.put(g.code, g));
        if (gates.isEmpty()) {
            throw new IllegalStateException("no gates in PostgreSQL: is this the service's database?");
        }
        Accepted accepted = Accepted.read(results);
        countHeldPlaces();
        readCapacities();

        checkCapacity(accepted);
        Map<UUID, Row> rows = checkEveryAcceptedHasItsRow(accepted);
        checkLedgers();
        checkTrucks();
        if (stampede != null) {
            checkStampede(stampede, accepted, rows);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One grouped count of the rows holding a place, per gate, direction and slot start. */
    private void countHeldPlaces() {
        BenchStores.await(stores.pool().preparedQuery("SELECT gate_code, direction, slot_start, count(*)::int AS n "
                        + "FROM declarations WHERE status = ANY($1) AND ($2::date IS NULL OR slot_day >= $2) GROUP BY 1, 2, 3")
                .execute(Tuple.of(HOLDING_PLACE, from))
                .invoke(found -> found.forEach(r -> {
                    Gate gate = gate(r.getString("gate_code"));
                    Direction direction = Direction.valueOf(r.getString("direction"));
                    OffsetDateTime start = r.getOffsetDateTime("slot_start").atZoneSameInstant(gate.zone()).toOffsetDateTime();
                    Optional<Slot> slot = schedule.find(gate, start);
                    if (slot.isEmpty()) {
                        strayRows.add(r.getInteger("n") + " at " + gate.code + " " + direction + " " + start);
                        return;
                    }
                    held.computeIfAbsent(new LedgerKey(gate.code, slot.get().day()), k -> new HashMap<>())
                            .merge(LedgerKey.slotField(direction, slot.get()), r.getInteger("n"), Integer::sum);
                })));
    }

    /** The capacity of every slot of the gate-days with places held and of the bookable gate-days. */
    private void readCapacities() {
        for (Gate gate : gates.values()) {
            TreeSet<LocalDate> days = new TreeSet<>(bookableDays(gate));
            held.keySet().stream().filter(k -> k.gateCode().equals(gate.code)).forEach(k -> days.add(k.day()));
            for (Direction direction : Direction.values()) {
                Map<OffsetDateTime, Integer> set = BenchStores.await(stores.pool().withConnection(conn ->
                        SlotStatements.capacities(conn, gate, direction, days.first(), days.last())));
                for (LocalDate day : days) {
                    Map<String, Integer> ofDay = capacities.computeIfAbsent(new LedgerKey(gate.code, day), k -> new HashMap<>());
                    for (Slot slot : schedule.slotsOn(gate, day)) {
                        ofDay.put(LedgerKey.slotField(direction, slot), set.getOrDefault(slot.start(), gate.defaultCapacity(direction)));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void checkCapacity(Accepted accepted) {
        int slots = 0;
        long places = 0;
        List<String> over = new ArrayList<>();
        for (Map.Entry<LedgerKey, Map<String, Integer>> gateDay : held.entrySet()) {
            Map<String, Integer> capacity = capacities.get(gateDay.getKey());
            for (Map.Entry<String, Integer> slot : gateDay.getValue().entrySet()) {
                slots++;
                places += slot.getValue();
                int allowed = capacity.getOrDefault(slot.getKey(), 0);
                if (slot.getValue() > allowed) {
                    over.add(gateDay.getKey().lockName() + " " + slot.getKey() + ": " + slot.getValue() + " > " + allowed);
                }
            }
        }
        figure("correctness_slots_over_capacity", over.size() + strayRows.size());
        figure("correctness_slots_checked", slots);
        String compared = slots + " slots holding " + places + " places on " + held.size() + " gate-days (statuses "
                + String.join(",", HOLDING_PLACE) + ")";
        if (slots == 0) {
            fail("capacity", "compared nothing: no row holds a place in PostgreSQL"
                    + (accepted.total() > 0 ? ", although " + accepted.total() + " bookings were answered 201" : ""));
        } else if (!over.isEmpty() || !strayRows.isEmpty()) {
            fail("capacity", over.size() + " of " + compared + " over capacity" + shown(over)
                    + (strayRows.isEmpty() ? "" : "; rows in no slot of the schedule:" + shown(strayRows)));
        } else {
            ok("capacity", "no slot over capacity: " + compared);
        }
    }

    private Map<UUID, Row> checkEveryAcceptedHasItsRow(Accepted accepted) {
        Map<UUID, Row> rows = new HashMap<>();
        List<UUID> distinct = new ArrayList<>(new HashSet<>(accepted.all()));
        for (int i = 0; i < distinct.size(); i += CHUNK) {
            UUID[] chunk = distinct.subList(i, Math.min(distinct.size(), i + CHUNK)).toArray(UUID[]::new);
            BenchStores.await(stores.pool().preparedQuery("SELECT id, gate_code, direction, slot_start, status "
                            + "FROM declarations WHERE id = ANY($1)").execute(Tuple.of(chunk))
                    .invoke(found -> found.forEach(r -> {
                        if (rows.put(r.getUUID("id"), r) != null) {
                            throw new IllegalStateException("two rows with id " + r.getUUID("id"));
                        }
                    })));
        }
        List<String> missing = distinct.stream().filter(id -> !rows.containsKey(id)).map(UUID::toString).toList();
        int repeated = accepted.total() - distinct.size();
        figure("correctness_201_total", accepted.total());
        figure("correctness_201_without_row", missing.size());
        figure("correctness_201_without_id", accepted.withoutId());
        figure("correctness_201_repeated_id", repeated);
        String compared = accepted.total() + " ids answered 201 (" + accepted.perScenario() + ")";
        if (accepted.total() == 0) {
            fail("201-rows", "compared nothing: no id of an accepted booking in " + accepted.dir() + "/*.ids");
        } else if (!missing.isEmpty() || repeated > 0 || accepted.withoutId() > 0 || !accepted.unreadable().isEmpty()) {
            fail("201-rows", compared + ": " + missing.size() + " without a row" + shown(missing)
                    + (repeated > 0 ? "; " + repeated + " ids answered 201 more than once" : "")
                    + (accepted.withoutId() > 0 ? "; " + accepted.withoutId() + " 201s left no id (" + accepted.idGaps() + ")" : "")
                    + (accepted.unreadable().isEmpty() ? "" : "; unreadable ids:" + shown(accepted.unreadable())));
        } else {
            ok("201-rows", "every one of " + compared + " has exactly one row in PostgreSQL");
        }
        return rows;
    }

    /**
     * Every bookable gate-day (today to the end of each gate's booking horizon, as the service's ledger check
     * walks them): its Redis ledger, read as the service reads it, against PostgreSQL slot by slot.
     */
    private void checkLedgers() {
        SlotLedger ledger = stores.ledger();
        int gateDays = 0;
        int slots = 0;
        int slotsWithPlaces = 0;
        long places = 0;
        List<String> usedDiffer = new ArrayList<>();
        List<String> capacityDiffer = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<LedgerKey> window = new HashSet<>();
        for (Gate gate : gates.values()) {
            for (LocalDate day : bookableDays(gate)) {
                LedgerKey key = new LedgerKey(gate.code, day);
                window.add(key);
                Map<String, Integer> pg = held.getOrDefault(key, Map.of());
                int pgPlaces = pg.values().stream().mapToInt(Integer::intValue).sum();
                LedgerState state = BenchStores.await(ledger.read(key));
                if (state == null) {
                    if (pgPlaces > 0) {
                        missing.add(key.lockName() + " (PostgreSQL holds " + pgPlaces + " places)");
                    }
                    continue;
                }
                gateDays++;
                Map<String, Integer> capacity = capacities.get(key);
                Set<String> fields = new TreeSet<>(capacity.keySet());
                fields.addAll(state.used().keySet());
                fields.addAll(state.capacity().keySet());
                fields.addAll(pg.keySet());
                for (String field : fields) {
                    slots++;
                    int inRedis = state.used(field);
                    int inPostgres = pg.getOrDefault(field, 0);
                    if (inRedis > 0 || inPostgres > 0) {
                        slotsWithPlaces++;
                        places += inPostgres;
                    }
                    if (inRedis != inPostgres) {
                        usedDiffer.add(key.lockName() + " " + field + ": ledger " + inRedis + ", PostgreSQL " + inPostgres);
                    }
                    Integer pgCapacity = capacity.get(field);
                    if (pgCapacity == null || state.capacity(field) != pgCapacity) {
                        capacityDiffer.add(key.lockName() + " " + field + ": ledger capacity " + state.capacity(field)
                                + ", PostgreSQL " + (pgCapacity == null ? "no such slot" : pgCapacity));
                    }
                }
            }
        }
        long outside = held.keySet().stream().filter(k -> !window.contains(k)).count();
        figure("correctness_redis_pg_slot_mismatches", usedDiffer.size());
        figure("correctness_redis_pg_capacity_mismatches", capacityDiffer.size());
        figure("correctness_redis_pg_slots_compared", slotsWithPlaces);
        figure("correctness_redis_pg_gate_days", gateDays);
        figure("correctness_redis_pg_ledgers_missing", missing.size());
        String compared = "ledger = PostgreSQL on " + slotsWithPlaces + " slots holding " + places + " places, "
                + slots + " slots in all (places used and capacity) of " + gateDays + " gate-days"
                + (outside > 0 ? "; " + outside + " gate-days with places outside the bookable days not compared" : "");
        if (slotsWithPlaces == 0) {
            fail("ledger", "compared nothing: no live ledger in Redis counts a place or matches a gate-day where "
                    + "PostgreSQL holds places (" + gateDays + " live ledgers of " + window.size() + " bookable gate-days"
                    + (missing.isEmpty() ? "" : "; missing:" + shown(missing)) + ")");
        } else if (!usedDiffer.isEmpty() || !capacityDiffer.isEmpty() || !missing.isEmpty()) {
            fail("ledger", usedDiffer.size() + " slots count other places than PostgreSQL" + shown(usedDiffer) + "; "
                    + capacityDiffer.size() + " slots have another capacity" + shown(capacityDiffer) + "; "
                    + missing.size() + " gate-days with places have no live ledger" + shown(missing)
                    + " (compared: " + compared + ")");
        } else {
            ok("ledger", compared);
        }
    }

    /**
     * One grouped count of the rows that keep their truck from another booking (the service's
     * {@link DeclarationStatus#HOLDING_TRUCK}), per plate and day: more than one is a truck booked twice.
     */
    private void checkTrucks() {
        List<String> twice = new ArrayList<>();
        int[] truckDays = {0};
        int[] rows = {0};
        BenchStores.await(stores.pool().preparedQuery("SELECT plate_key, slot_day, count(*)::int AS n FROM declarations "
                        + "WHERE status = ANY($1) GROUP BY 1, 2").execute(Tuple.of(HOLDING_TRUCK))
                .invoke(found -> found.forEach(r -> {
                    truckDays[0]++;
                    rows[0] += r.getInteger("n");
                    if (r.getInteger("n") > 1) {
                        twice.add(r.getString("plate_key") + " on " + r.getLocalDate("slot_day") + ": " + r.getInteger("n") + " bookings");
                    }
                })));
        figure("correctness_trucks_booked_twice", twice.size());
        figure("correctness_trucks_checked", truckDays[0]);
        String compared = rows[0] + " rows holding their truck (statuses " + String.join(",", HOLDING_TRUCK) + ") on "
                + truckDays[0] + " truck-days";
        if (truckDays[0] == 0) {
            fail("trucks", "compared nothing: no row holds a truck in PostgreSQL");
        } else if (!twice.isEmpty()) {
            fail("trucks", twice.size() + " trucks booked twice on one day" + shown(twice) + " (" + compared + ")");
        } else {
            ok("trucks", "no truck booked twice on one day: " + compared);
        }
    }

    private void checkStampede(String spec, Accepted accepted, Map<UUID, Row> rows) {
        String[] parts = spec.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--stampede=GATE:DIRECTION:DAY, got " + spec);
        }
        Gate gate = gate(parts[0]);
        Direction direction = Direction.valueOf(parts[1]);
        LocalDate day = LocalDate.parse(parts[2]);
        LedgerKey key = new LedgerKey(gate.code, day);
        List<Slot> slots = schedule.slotsOn(gate, day);
        Map<String, Integer> capacity = capacities.computeIfAbsent(key, k -> Map.of());
        Map<String, Integer> pg = held.getOrDefault(key, Map.of());
        LedgerState state = BenchStores.await(stores.ledger().read(key));
        int places = 0;
        int pgRows = 0;
        int redisUsed = 0;
        for (Slot slot : slots) {
            String field = LedgerKey.slotField(direction, slot);
            places += capacity.getOrDefault(field, 0);
            pgRows += pg.getOrDefault(field, 0);
            redisUsed += state == null ? 0 : state.used(field);
        }
        List<UUID> ids = accepted.of("stampede");
        long onGateDay = ids.stream().map(rows::get).filter(r -> r != null && holdsPlaceOn(r, gate, direction, day)).count();
        figure("correctness_stampede_pg_rows", pgRows);
        figure("correctness_stampede_pg_capacity", places);
        figure("correctness_stampede_redis_used", state == null ? "NA" : Integer.toString(redisUsed));
        figure("correctness_stampede_201_on_gate_day", onGateDay + "/" + ids.size());
        // A request whose answer never came (status 0: the client's timeout) may still have been booked: the service
        // does not undo a booking because its client stopped listening. Only those can hold a place without a 201.
        long unanswered = accepted.unanswered().getOrDefault("stampede", 0L);
        long turnedBack = accepted.turnedBack().getOrDefault("stampede", 0L);
        long requests = accepted.requests().getOrDefault("stampede", 0L);
        long soldUnheard = pgRows - onGateDay;
        figure("correctness_stampede_sold_without_201", soldUnheard);
        figure("correctness_stampede_places_left", places - pgRows);
        String what = gate.code + " " + day + " " + direction + " (" + slots.size() + " slots): " + places
                + " places, PostgreSQL holds " + pgRows + ", the ledger counts " + (state == null ? "nothing (no live ledger)" : redisUsed)
                + ", " + onGateDay + " of " + ids.size() + " stampede 201s hold a place there"
                + (soldUnheard > 0 ? ", " + soldUnheard + " places went to requests that got no answer (" + unanswered + " got none)" : "")
                + (pgRows < places ? ", " + (places - pgRows) + " places left unsold (" + turnedBack + " requests were told to retry "
                        + "or got no answer: a performance finding, not an exactness one)" : "");
        if (places == 0 || pgRows == 0 || ids.isEmpty()) {
            fail("stampede", "compared nothing: " + what);
        } else if (pgRows > places) {
            fail("stampede", "over capacity: " + what);
        } else if (state == null || redisUsed != pgRows) {
            fail("stampede", "ledger != PostgreSQL: " + what);
        } else if (onGateDay != ids.size()) {
            fail("stampede", "201s without their place: " + what);
        } else if (soldUnheard > unanswered) {
            fail("stampede", (soldUnheard - unanswered) + " places held by requests that were answered, but not with 201: " + what);
        } else if (requests > places && pgRows < places && turnedBack == 0) {
            // Every request got a final answer (201 or 409) and more came than there were places: a place left
            // free means some 409 said "full" when it was not.
            fail("stampede", (places - pgRows) + " places left although all " + requests + " requests were answered 201 or 409: " + what);
        } else {
            ok("stampede", what);
        }
    }

    private boolean holdsPlaceOn(Row row, Gate gate, Direction direction, LocalDate day) {
        OffsetDateTime start = row.getOffsetDateTime("slot_start").atZoneSameInstant(gate.zone()).toOffsetDateTime();
        return row.getString("gate_code").equals(gate.code) && row.getString("direction").equals(direction.name())
                && start.toLocalDate().equals(day) && DeclarationStatus.valueOf(row.getString("status")).holdsPlace();
    }

    // ---------------------------------------------------------------------------------------------------------

    private List<LocalDate> bookableDays(Gate gate) {
        return schedule.today(gate).datesUntil(schedule.lastBookableDay(gate).plusDays(1)).toList();
    }

    private Gate gate(String code) {
        Gate gate = gates.get(code);
        if (gate == null) {
            throw new IllegalArgumentException("no gate " + code + " in PostgreSQL (gates: " + gates.keySet() + ")");
        }
        return gate;
    }

    private void figure(String name, Object value) {
        figures.put(name, String.valueOf(value));
    }

    private void ok(String check, String what) {
        report.accept("check " + check + ": OK: " + what);
    }

    private void fail(String check, String what) {
        failures.add(check);
        report.accept("check " + check + ": FAILED: " + what);
    }

    private static String shown(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return " [" + items.stream().limit(SHOWN).collect(Collectors.joining("; "))
                + (items.size() > SHOWN ? "; and " + (items.size() - SHOWN) + " more" : "") + "]";
    }

    /**
     * The ids of accepted bookings each scenario wrote ({@code <scenario>.ids}, one per 201), and the 201s its
     * answer counts ({@code <scenario>.outcomes}: {@code outcome book 201 <type> <count>}) to tell whether every
     * 201 left its id.
     */
    private record Accepted(Path dir, Map<String, List<UUID>> ids, Map<String, Long> counted, Map<String, Long> unanswered,
                            Map<String, Long> turnedBack, Map<String, Long> requests, List<String> unreadable) {

        static Accepted read(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--results=" + dir + " is not a directory");
            }
            Map<String, List<UUID>> ids = new TreeMap<>();
            Map<String, Long> counted = new TreeMap<>();
            Map<String, Long> unanswered = new TreeMap<>();
            Map<String, Long> turnedBack = new TreeMap<>();
            Map<String, Long> requests = new TreeMap<>();
            List<String> unreadable = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".ids")) {
                        List<UUID> list = new ArrayList<>();
                        for (String line : Files.readAllLines(file)) {
                            try {
                                list.add(UUID.fromString(line.strip()));
                            } catch (IllegalArgumentException e) {
                                unreadable.add(name + ": '" + line + "'");
                            }
                        }
                        ids.put(name.substring(0, name.length() - ".ids".length()), list);
                    } else if (name.endsWith(".outcomes")) {
                        OutcomesFile outcomes = OutcomesFile.read(file);
                        String scenario = outcomes.scenario();
                        counted.put(scenario, outcomes.count(BOOK, 201));
                        // Status 0: no answer (a timeout, a connection closed); the service may still have booked it.
                        unanswered.put(scenario, outcomes.count(BOOK, 0));
                        // Told to come back (429, 5xx) or not answered: such a request may have taken a place, had it
                        // been served. A 409 (slot full, quota) is a final answer.
                        turnedBack.put(scenario, outcomes.count(BOOK, s -> s == 0 || s == 429 || (s >= 500 && s < 600)));
                        outcomes.metaLong("requests").ifPresent(n -> requests.put(scenario, n));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Accepted(dir, ids, counted, unanswered, turnedBack, requests, unreadable);
        }

        List<UUID> all() {
            return ids.values().stream().flatMap(List::stream).toList();
        }

        List<UUID> of(String scenario) {
            return ids.getOrDefault(scenario, List.of());
        }

        int total() {
            return ids.values().stream().mapToInt(List::size).sum();
        }

        /** 201s a scenario counted beyond the ids it wrote. */
        long withoutId() {
            return counted.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - of(e.getKey()).size())).sum();
        }

        String idGaps() {
            return counted.entrySet().stream().filter(e -> e.getValue() != of(e.getKey()).size())
                    .map(e -> e.getKey() + ": " + e.getValue() + " × 201, " + of(e.getKey()).size() + " ids")
                    .collect(Collectors.joining(", "));
        }

        String perScenario() {
            return ids.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", "));
        }
    }
}
