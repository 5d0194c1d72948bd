package vn.bordergate.slot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Burst;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A gate says when each day opens for booking. Before, a clear 409 with the opening time; the day's ledger
 * is built by the minute's check before it opens, so the stampede at the opening rebuilds nothing on the
 * request path and gets no 503.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BookingOpensTest {

    static final String METRICS = "http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001) + "/q/metrics";
    static final int PLACES = 20;
    static final int REQUESTS = 120;

    @Inject
    LedgerKeeper keeper;
    @Inject
    SlotLedger ledger;

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void theDayAboutToOpenHasItsLedgerBeforeItOpensAndItsOpeningStampedeRebuildsNothing() {
        String gate = "OPEN_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Map<String, Object> config = new HashMap<>(Map.of("code", gate, "name", "Cửa khẩu mở lúc trưa",
                "provinceCode", "LAO_CAI", "referencePrefix", prefix(),
                "international", false, "timeZone", "Asia/Ho_Chi_Minh", "slotMinutes", 60, "bookingHorizonDays", 2,
                "exportCapacity", PLACES, "importCapacity", PLACES));
        config.put("bookingOpensAt", "12:00");
        config.put("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                "FRIDAY", "SATURDAY", "SUNDAY"), "opensAt", "07:00", "closesAt", "17:00")));
        given().auth().oauth2(Tokens.role("admin")).contentType(ContentType.JSON).body(config)
                .when().post("/api/v1/gates").then().statusCode(201);
        LocalDate today = Fixtures.today();
        LocalDate opening = today.plusDays(2);
        OffsetDateTime slot = opening.atTime(9, 0).atZone(Fixtures.VIETNAM).toOffsetDateTime();

        TestClock.travelTo(today.atTime(11, 58).atZone(Fixtures.VIETNAM).toOffsetDateTime());
        String early = UUID.randomUUID().toString();
        Map<String, Object> earlyBody = Fixtures.declaration(gate, "EXPORT", slot);
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).contentType(ContentType.JSON)
                .header("Idempotency-Key", early)
                .body(earlyBody).when().post("/api/v1/declarations")
                .then().statusCode(409).body("type", endsWith("/problems/booking-not-open"))
                .body("opensAt", startsWith(today + "T12:00"));
        keeper.rebuildStale().await().atMost(Duration.ofSeconds(30));
        assertNotNull(ledger.read(new LedgerKey(gate, opening)).await().atMost(Duration.ofSeconds(10)),
                "the ledger of the day that opens next is built before it opens");
        double rebuildsBefore = metric("bordergate_ledger_rebuilds_total");
        // A rebuild gives the gate-day a new epoch: this gate-day's, unlike the counter (which the minute's check
        // may raise for another test's gate meanwhile), says whether this ledger was rebuilt.
        String epochBefore = Database.text("SELECT epoch::text FROM ledger_epochs WHERE gate_code = ? AND day = ?", gate, opening);
        assertNotNull(epochBefore, "the opening day's ledger has its epoch");

        TestClock.travelTo(today.atTime(12, 0, 1).atZone(Fixtures.VIETNAM).toOffsetDateTime());
        // "Not open yet" held only until noon: the same request, retried after the opening, is decided afresh.
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).contentType(ContentType.JSON)
                .header("Idempotency-Key", early)
                .body(earlyBody).when().post("/api/v1/declarations")
                .then().statusCode(201);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i < REQUESTS; i++) {
            bodies.add(new JsonObject(Fixtures.declaration(gate, "EXPORT", slot)).encode());
        }
        long started = System.nanoTime();
        List<Burst.Answer> answers = Burst.declareAll(List.of(Tokens.enterprise(Tokens.FIRM_A),
                Tokens.enterprise(Tokens.FIRM_B)), bodies);
        long millis = (System.nanoTime() - started) / 1_000_000;
        double rebuildsAfter = metric("bordergate_ledger_rebuilds_total");

        Map<Integer, Long> byStatus = Burst.byStatus(answers);
        System.out.println("FIGURE opening-stampede: requests=" + REQUESTS + " places=" + PLACES + " answers=" + byStatus
                + " rebuilds_on_request_path=" + (rebuildsAfter - rebuildsBefore) + " within_ms=" + millis);
        assertEquals(PLACES - 1, Burst.count(answers, 201), byStatus.toString());
        assertEquals(REQUESTS - PLACES, Burst.count(answers, 409), byStatus.toString());
        assertEquals(0, Burst.count(answers, 503), byStatus.toString());
        assertEquals(epochBefore, Database.text("SELECT epoch::text FROM ledger_epochs WHERE gate_code = ? AND day = ?",
                gate, opening), "the opening day's ledger was not rebuilt on the request path");
    }

    /** A reference prefix of its own: tests share one database. */
    private static String prefix() {
        StringBuilder prefix = new StringBuilder("O");
        for (int i = 0; i < 3; i++) {
            prefix.append((char) ('A' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
        }
        return prefix.toString();
    }

    private static double metric(String name) {
        double sum = 0;
        for (String line : given().when().get(METRICS).then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += vn.bordergate.support.MetricLines.value(line);
            }
        }
        return sum;
    }
}
