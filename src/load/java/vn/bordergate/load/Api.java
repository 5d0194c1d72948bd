package vn.bordergate.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** The HTTP calls of the scenarios, each recording its answer in {@link Outcomes}. */
public final class Api {

    /** Session keys a virtual user fills before a call. */
    public static final String AUTH = "auth";
    public static final String BODY = "body";
    public static final String PATH = "path";

    private Api() {
    }

    /**
     * One protocol for all virtual users: connections are shared (kept alive and reused like a firm system's
     * HTTP client pool) instead of one new TCP connection per arriving user, which would exhaust local ports.
     */
    public static HttpProtocolBuilder protocol() {
        return http.baseUrl(LoadConfig.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("bordergate-load-kit")
                .shareConnections()
                .disableWarmUp()
                .disableCaching();
    }

    /** POST /api/v1/declarations with {@link #AUTH} and {@link #BODY}; 201, 409 and 429 are answers, the rest KO. */
    public static HttpRequestActionBuilder declare(String request) {
        return http(request).post("/api/v1/declarations")
                .header("Authorization", s -> s.getString(AUTH))
                .header("Idempotency-Key", s -> UUID.randomUUID().toString())
                .body(StringBody(s -> s.getString(BODY)))
                .check(status().saveAs(Outcomes.STATUS), responseTimeInMillis().saveAs(Outcomes.MILLIS),
                        status().in(201, 409, 429),
                        header("Location").optional().saveAs(Outcomes.LOCATION),
                        header("ETag").optional().saveAs(Outcomes.ETAG),
                        regex(Outcomes.TYPE_PATTERN).optional().saveAs(Outcomes.TYPE));
    }

    /**
     * A booking spread at random over gates, days, slot hours, directions and firms, with a fresh truck;
     * {@code afterAnswer} sees the session with the answer's status, Location and ETag.
     */
    public static ChainBuilder spreadBooking(String request, Outcomes outcomes, Tokens tokens, Trucks trucks,
                                             List<String> gates, List<LocalDate> days, List<Integer> hours,
                                             UnaryOperator<Session> afterAnswer) {
        return exec(session -> {
            outcomes.sending();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String gate = gates.get(random.nextInt(gates.size()));
            String direction = random.nextInt(3) == 0 ? "EXPORT" : "IMPORT";
            LocalDate day = days.get(random.nextInt(days.size()));
            int hour = hours.get(random.nextInt(hours.size()));
            int firm = random.nextInt(tokens.firmCount());
            String plate = trucks.newPlate();
            return session.set(AUTH, tokens.firm(firm)).set("firm", firm).set("gate", gate).set("direction", direction)
                    .set("day", day.toString()).set("hour", hour).set("plate", plate)
                    .set(BODY, Trucks.declaration(gate, direction, Trucks.slotStart(day, hour), plate));
        }).exec(declare(request)).exec(session -> afterAnswer.apply(outcomes.record(request, session)));
    }
}
