package vn.bordergate.security;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.BookingConcurrencyLimit;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an attacker tried from outside (issue 9): each attempt is refused and leaves nothing behind. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AttackSurfaceTest {

    @Inject
    RedisDataSource redis;

    @Inject
    BookingConcurrencyLimit bookings;

    @Test
    void slotReadsOutsideTheBookingWindowAreRefusedAndWriteNothing() {
        List<String> past = List.of("2001-01-01", Fixtures.today().minusDays(1).toString());
        List<String> notOpen = List.of("2101-01-01", "2102-01-01", Fixtures.today().plusDays(30).toString());
        for (String day : past) {
            given().queryParam("direction", "EXPORT").queryParam("date", day)
                    .when().get("/api/v1/gates/HUU_NGHI/slots").then().statusCode(400)
                    .body("type", endsWith("/problems/validation")).body("errors.field", hasItem("date"));
        }
        // Days not open yet say when they open.
        for (String day : notOpen) {
            given().queryParam("direction", "EXPORT").queryParam("date", day)
                    .when().get("/api/v1/gates/HUU_NGHI/slots").then().statusCode(409)
                    .body("type", endsWith("/problems/booking-not-open"));
        }
        // Counted for these days only: the minute's ledger check may build the next day to open meanwhile.
        for (String day : java.util.stream.Stream.concat(past.stream(), notOpen.stream()).toList()) {
            assertEquals(0, Database.count("SELECT count(*) FROM ledger_epochs WHERE gate_code = 'HUU_NGHI' AND day = ?::date",
                    day), "no ledger row for a day not bookable: " + day);
            assertEquals(0, redis.key().keys("bg:{HUU_NGHI:" + day + "}*").size(), "no Redis key either: " + day);
        }
        given().queryParam("direction", "EXPORT").queryParam("date", Fixtures.today().plusDays(1).toString())
                .when().get("/api/v1/gates/HUU_NGHI/slots").then().statusCode(200);
    }

    @Test
    void aNulCharacterInTextIsAFieldErrorNotA500() {
        Map<String, Object> body = Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.spareSlot(15));
        @SuppressWarnings("unchecked")
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("description", "Thanh long\u0000ruột đỏ");
        Api.declare(Tokens.enterprise(Tokens.FIRM_A), body).then().statusCode(400)
                .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo("cargo.description"));
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).urlEncodingEnabled(false)
                .when().get("/api/v1/declarations?gate=HUU%00NGHI").then().statusCode(400)
                .body("type", endsWith("/problems/validation"));
    }

    @Test
    void theJsonLiteralNullAsABodyIsARefusalOrNothingNeverA500() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String id = Api.declare(firm, Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.spareSlot(16)))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(firm).contentType("application/json").body("null")
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        for (String path : List.of("/api/v1/declarations", "/api/v1/declarations/batch", "/api/v1/webhooks")) {
            int status = given().auth().oauth2(firm).contentType("application/json").header("Idempotency-Key", "null-body-" + path)
                    .body("null").when().post(path).then().extract().statusCode();
            assertEquals(400, status, path);
        }
    }

    @Test
    void everySpellingOfTheBookingPathCountsAgainstTheBoundAndASlowBodyIsCutOff() throws Exception {
        String token = Tokens.enterprise(Tokens.FIRM_A);
        List<Socket> slow = new ArrayList<>();
        try {
            for (String path : List.of("/api/v1/declaration%73", "//api/v1/declarations", "/api/v1/./declarations")) {
                Socket socket = new Socket("localhost", RestAssured.port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\nIdempotency-Key: slow-" + path.hashCode() + "\r\n"
                        + "Content-Length: 400\r\n\r\n{\"gateCode\":").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(socket);
            }
            long deadline = System.currentTimeMillis() + 2000;
            while (bookings.inFlight() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(3, bookings.inFlight(), "each spelling of the booking path holds a place among bookings in flight");
            for (Socket socket : slow) {
                socket.setSoTimeout(10_000);
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 408"), "a body that does not arrive gets 408: " + answer);
                assertTrue(answer.contains("request-timeout"), answer);
            }
            deadline = System.currentTimeMillis() + 2000;
            while (bookings.inFlight() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, bookings.inFlight(), "the slow clients' places are free again");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static String readAnswer(InputStream in) throws Exception {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (answer.indexOf("}") > 0) {
                break;
            }
        }
        return answer.toString();
    }
}
