package vn.bordergate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A day at the gates: availability reads, bookings, amendments, status reads, check-ins and call-ups arriving
 * together at {@code -Drate} per second (20) for {@code -Dduration} seconds (60), in the proportions of
 * {@code -Dshares} (default {@code availability:40,status-read:20,book:25,amend:5,check-in:5,call-up:5}).
 *
 * <p>Amendments, status reads and check-ins act on declarations booked earlier in the run; until there are any,
 * they read availability instead. When a gate is open now, {@code -DtodayShare} (0.2) of the bookings go to its
 * current slot so that their trucks can be checked in; otherwise check-ins meet bookings of later days and the
 * service refuses them (counted, not failed). Check-in and call-up answers 404/405 from a service that has no
 * such endpoint are counted as {@code not-available}. Only 5xx and missing answers fail a request.
 */
public class MixedDaySimulation extends Simulation {

    private static final String DEFAULT_SHARES = "availability:40,status-read:20,book:25,amend:5,check-in:5,call-up:5";

    /** A declaration booked in this run, with what later calls need to act on it. */
    record Booked(String id, int firm, int version, String plate, String gate, String direction, LocalDate day, int hour) {
        Booked withVersion(int newVersion, int newHour) {
            return new Booked(id, firm, newVersion, plate, gate, direction, day, newHour);
        }
    }

    /** The slot open now at a gate, for bookings that can be checked in. */
    record OpenSlot(String gate, int hour) {
    }

    private final Outcomes outcomes = new Outcomes("mixed");
    private final double rate = LoadConfig.decimal("rate", 20);
    private final int duration = LoadConfig.integer("duration", 60);
    private final double todayShare = LoadConfig.decimal("todayShare", 0.2);
    private final List<String> gates = LoadConfig.gates();
    private final List<LocalDate> days = LoadConfig.days();
    private final List<Integer> hours = LoadConfig.hours();
    private final Tokens tokens = Tokens.load(LoadConfig.integer("firms", 200), gates);
    private final Trucks trucks = new Trucks("BD");

    private final ConcurrentLinkedQueue<Booked> amendable = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Booked> checkInable = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<Booked> recent = new AtomicReferenceArray<>(4096);
    private final AtomicLong recentCount = new AtomicLong();
    private final List<OpenSlot> openNow = new ArrayList<>();

    {
        Map<String, Double> shares = shares();
        List<Choice.WithWeight> choices = new ArrayList<>();
        shares.forEach((action, share) -> choices.add(percent(share).then(chain(action))));
        ScenarioBuilder mixed = scenario("mixed day").exec(session -> {
            outcomes.sending();
            return session;
        }).randomSwitch().on(choices);
        setUp(mixed.injectOpen(constantUsersPerSec(rate).during(duration).randomized())).protocols(Api.protocol());
    }

    private ChainBuilder chain(String action) {
        return switch (action) {
            case "availability" -> availability();
            case "status-read" -> statusRead();
            case "book" -> booking();
            case "amend" -> amendment();
            case "check-in" -> checkIn();
            case "call-up" -> callUp();
            default -> throw new IllegalArgumentException("unknown action in -Dshares: " + action);
        };
    }

    private ChainBuilder availability() {
        return exec(session -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return session.set(Api.PATH, "/api/v1/gates/" + gates.get(random.nextInt(gates.size())) + "/slots?direction="
                    + (random.nextBoolean() ? "EXPORT" : "IMPORT") + "&date=" + days.get(random.nextInt(days.size())));
        }).exec(checked(http("availability").get(s -> s.getString(Api.PATH))))
                .exec(session -> outcomes.record("availability", session));
    }

    private ChainBuilder statusRead() {
        return exec(session -> {
            long n = recentCount.get();
            Booked b = n == 0 ? null : recent.get((int) (ThreadLocalRandom.current().nextLong(Math.min(n, recent.length()))));
            return b == null ? session.set("found", false) : session.set("found", true)
                    .set(Api.AUTH, tokens.firm(b.firm())).set(Api.PATH, "/api/v1/declarations/" + b.id());
        }).exec(doIfOrElse(s -> s.getBoolean("found")).then(
                exec(checked(http("status-read").get(s -> s.getString(Api.PATH)).header("Authorization", s -> s.getString(Api.AUTH))))
                        .exec(session -> outcomes.record("status-read", session))
        ).orElse(availability()));
    }

    private ChainBuilder booking() {
        return exec(session -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String gate;
            LocalDate day;
            int hour;
            boolean today = !openNow.isEmpty() && random.nextDouble() < todayShare;
            if (today) {
                OpenSlot open = openNow.get(random.nextInt(openNow.size()));
                gate = open.gate();
                day = LoadConfig.today();
                hour = open.hour();
            } else {
                gate = gates.get(random.nextInt(gates.size()));
                day = days.get(random.nextInt(days.size()));
                hour = hours.get(random.nextInt(hours.size()));
            }
            String direction = random.nextInt(3) == 0 ? "EXPORT" : "IMPORT";
            int firm = random.nextInt(tokens.firmCount());
            String plate = trucks.newPlate();
            return session.set(Api.AUTH, tokens.firm(firm)).set("firm", firm).set("gate", gate)
                    .set("direction", direction).set("day", day.toString()).set("hour", hour).set("plate", plate)
                    .set("today", today).set(Api.BODY, Trucks.declaration(gate, direction, Trucks.slotStart(day, hour), plate));
        }).exec(Api.declare("book")).exec(session -> {
            Session recorded = outcomes.record("book", session);
            if (Outcomes.status(session) == 201 && session.contains(Outcomes.LOCATION)) {
                String location = session.getString(Outcomes.LOCATION);
                Booked b = new Booked(location.substring(location.lastIndexOf('/') + 1), session.getInt("firm"),
                        version(session, 1), session.getString("plate"), session.getString("gate"),
                        session.getString("direction"), LocalDate.parse(session.getString("day")), session.getInt("hour"));
                remember(b);
                (session.getBoolean("today") ? checkInable : amendable).add(b);
            }
            return recorded;
        });
    }

    private ChainBuilder amendment() {
        return exec(session -> {
            Booked b = amendable.poll();
            if (b == null) {
                return session.set("found", false);
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            // Half the amendments move the truck to another hour of the same day, the rest fix the driver.
            int newHour = random.nextBoolean() ? hours.get(random.nextInt(hours.size())) : b.hour();
            String body = Trucks.amendment(newHour == b.hour() ? null : Trucks.slotStart(b.day(), newHour));
            return session.set("found", true).set("booked", b).set("newHour", newHour)
                    .set(Api.AUTH, tokens.firm(b.firm())).set(Api.PATH, "/api/v1/declarations/" + b.id())
                    .set("ifMatch", "\"" + b.version() + "\"").set(Api.BODY, body);
        }).exec(doIfOrElse(s -> s.getBoolean("found")).then(
                exec(checked(http("amend").patch(s -> s.getString(Api.PATH))
                        .header("Authorization", s -> s.getString(Api.AUTH))
                        .header("If-Match", s -> s.getString("ifMatch"))
                        .body(StringBody(s -> s.getString(Api.BODY)))))
                        .exec(session -> {
                            Booked b = session.get("booked");
                            int status = Outcomes.status(session);
                            if (status == 200) {
                                amendable.add(b.withVersion(version(session, b.version() + 1), session.getInt("newHour")));
                            } else if (status != 404 && status != 0) {
                                amendable.add(b);
                            }
                            return outcomes.record("amend", session);
                        })
        ).orElse(availability()));
    }

    private ChainBuilder checkIn() {
        return exec(session -> {
            Booked b = checkInable.poll();
            boolean inWindow = b != null;
            if (b == null) {
                b = amendable.poll();
            }
            if (b == null) {
                return session.set("found", false);
            }
            return session.set("found", true).set("booked", b).set("inWindow", inWindow)
                    .set(Api.AUTH, tokens.yardOfficer()).set(Api.PATH, "/api/v1/gates/" + b.gate() + "/check-ins")
                    .set(Api.BODY, "{\"plate\":\"" + b.plate() + "\",\"direction\":\"" + b.direction() + "\"}");
        }).exec(doIfOrElse(s -> s.getBoolean("found")).then(
                exec(checked(http("check-in").post(s -> s.getString(Api.PATH))
                        .header("Authorization", s -> s.getString(Api.AUTH))
                        .body(StringBody(s -> s.getString(Api.BODY)))))
                        .exec(session -> {
                            int status = Outcomes.status(session);
                            if (status < 200 || status >= 300) {
                                // Not checked in (too early, or no such endpoint yet): the booking stays amendable.
                                amendable.add(session.get("booked"));
                            }
                            return outcomes.record("check-in", session, notAvailable(session));
                        })
        ).orElse(availability()));
    }

    private ChainBuilder callUp() {
        return exec(session -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return session.set(Api.AUTH, tokens.supervisor())
                    .set(Api.PATH, "/api/v1/gates/" + gates.get(random.nextInt(gates.size())) + "/calls")
                    .set(Api.BODY, "{\"direction\":\"" + (random.nextBoolean() ? "EXPORT" : "IMPORT") + "\",\"count\":5}");
        }).exec(checked(http("call-up").post(s -> s.getString(Api.PATH))
                        .header("Authorization", s -> s.getString(Api.AUTH))
                        .body(StringBody(s -> s.getString(Api.BODY)))))
                .exec(session -> outcomes.record("call-up", session, notAvailable(session)));
    }

    /** Every answer below 500 is an answer; only 5xx and no answer fail. */
    private static HttpRequestActionBuilder checked(HttpRequestActionBuilder request) {
        return request.check(status().saveAs(Outcomes.STATUS), responseTimeInMillis().saveAs(Outcomes.MILLIS),
                status().lt(500),
                header("Location").optional().saveAs(Outcomes.LOCATION),
                header("ETag").optional().saveAs(Outcomes.ETAG),
                regex(Outcomes.TYPE_PATTERN).optional().saveAs(Outcomes.TYPE));
    }

    /** "not-available" for a 405, or a 404 that is about the route rather than a declaration (no endpoint yet). */
    private static String notAvailable(Session session) {
        int status = Outcomes.status(session);
        String type = session.contains(Outcomes.TYPE) ? session.getString(Outcomes.TYPE) : "-";
        boolean routeMissing = status == 405 || (status == 404 && (type.equals("-") || type.startsWith("http-")));
        return routeMissing ? "not-available" : null;
    }

    private static int version(Session session, int fallback) {
        if (!session.contains(Outcomes.ETAG)) {
            return fallback;
        }
        String digits = session.getString(Outcomes.ETAG).replaceAll("[^0-9]", "");
        return digits.isEmpty() ? fallback : Integer.parseInt(digits);
    }

    private void remember(Booked b) {
        long n = recentCount.getAndIncrement();
        recent.set((int) (n % recent.length()), b);
    }

    private static Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : LoadConfig.string("shares", DEFAULT_SHARES).split(",")) {
            String[] kv = part.trim().split(":");
            shares.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
        }
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 100) > 0.001) {
            throw new IllegalArgumentException("-Dshares must add up to 100, got " + sum);
        }
        return shares;
    }

    @Override
    public void before() {
        findOpenSlots();
        outcomes.meta("rate_per_s", Double.toString(rate));
        outcomes.meta("duration_s", Integer.toString(duration));
        outcomes.meta("gates_open_now", Integer.toString(openNow.size()));
        System.out.printf("mixed: %.1f arrivals/s for %d s; gates open now for check-ins: %s%n", rate, duration, openNow);
        outcomes.start();
    }

    @Override
    public void after() {
        outcomes.write();
    }

    /** Which of the scenario's gates have a slot running now (check-in opens 30 min before a slot starts). */
    private void findOpenSlots() {
        URI uri = URI.create(LoadConfig.baseUrl() + "/api/v1/gates");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = new ObjectMapper().readTree(response.body());
            JsonNode items = list.isArray() ? list : list.path("items");
            ZonedDateTime now = ZonedDateTime.now(LoadConfig.VIETNAM);
            for (JsonNode g : items) {
                String code = g.path("code").asText();
                if (!gates.contains(code)) {
                    continue;
                }
                LocalTime opens = LocalTime.parse(g.path("opensAt").asText());
                LocalTime closes = LocalTime.parse(g.path("closesAt").asText());
                int minutes = g.path("slotMinutes").asInt(60);
                LocalTime t = now.toLocalTime();
                for (int k = 0; k < 48; k++) {
                    LocalTime start = opens.plusMinutes((long) k * minutes);
                    LocalTime end = start.plusMinutes(minutes);
                    if (end.isAfter(closes) || end.isBefore(start)) {
                        break;
                    }
                    // Bookings need whole-hour slots here, and a slot about to end is no use for a booking.
                    if (!t.isBefore(start) && t.isBefore(end.minusMinutes(5)) && start.getMinute() == 0) {
                        openNow.add(new OpenSlot(code, start.getHour()));
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("mixed: cannot read the gates (" + e + "); check-ins will meet future bookings only");
        }
    }
}
