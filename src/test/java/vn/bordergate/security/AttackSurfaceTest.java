package vn.bordergate.security;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.admission.BookingConcurrencyLimit;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /**
     * Issue 25: a gate name with a lone surrogate was answered 200 and echoed, while PostgreSQL stored {@code a?b}.
     * Each spelling of unpaired UTF-16 is a field error before the gate cache or the database sees it.
     */
    @Test
    void aGateNameWithUnpairedUtf16IsRefusedByNameAndTheOldNameStays() {
        String code = Gates.onboard("Cửa khẩu thử", 5);
        String admin = Tokens.role("admin");
        List<byte[]> bodies = List.of(
                json("{\"name\":\"a\\ud800b\"}"),                 // a high surrogate alone, as a JSON escape
                json("{\"name\":\"a\\udc00b\"}"),                 // a low surrogate alone
                json("{\"name\":\"a\\udc00\\ud800b\"}"),         // both, in the wrong order
                utf8WithRaw("{\"name\":\"a", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "b\"}")); // CESU-8 bytes
        for (byte[] body : bodies) {
            given().auth().oauth2(admin).contentType("application/json").body(body)
                    .when().patch("/api/v1/gates/" + code).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo("name"));
        }
        given().when().get("/api/v1/gates/" + code).then().statusCode(200).body("name", equalTo("Cửa khẩu thử"));
        assertEquals("Cửa khẩu thử", Database.text("SELECT name FROM gates WHERE code = ?", code));
        // A real pair (an emoji) is text like any other.
        given().auth().oauth2(admin).contentType("application/json").body(json("{\"name\":\"Cửa \\ud83d\\ude9a\"}"))
                .when().patch("/api/v1/gates/" + code).then().statusCode(200).body("name", equalTo("Cửa 🚚"));
    }

    /** Every text field from outside is read by the same strict reader: each one names itself, none stores. */
    @Test
    void unpairedUtf16IsAFieldErrorInEveryTextFieldAndNothingIsStored() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String lone = "\\ud800";
        for (String[] field : new String[][]{{"driver", "fullName"}, {"cargo", "description"}, {"vehicle", "plate"},
                {"vehicle", "trailerPlate"}, {"driver", "idNumber"}, {"cargo", "hsCode"}}) {
            Map<String, Object> body = Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.spareSlot(15));
            String plate = plate(body);
            @SuppressWarnings("unchecked")
            Map<String, Object> part = (Map<String, Object>) body.get(field[0]);
            part.put(field[1], "LONE");
            String json = io.vertx.core.json.Json.encode(body).replace("LONE", "a" + lone + "b");
            given().auth().oauth2(firm).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(json).when().post("/api/v1/declarations").then().statusCode(400)
                    .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo(field[0] + "." + field[1]));
            given().auth().oauth2(firm).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("[" + json + "]").when().post("/api/v1/declarations/batch").then().statusCode(400)
                    .body("errors[0].field", equalTo("[0]." + field[0] + "." + field[1]));
            assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE vehicle->>'plate' = ?", plate), plate);
        }
        Map<String, Object> listed = Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.spareSlot(15));
        String json = io.vertx.core.json.Json.encode(listed).replace("MSKU9070323", "MSKU" + lone);
        given().auth().oauth2(firm).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(json).when().post("/api/v1/declarations").then().statusCode(400)
                .body("errors[0].field", equalTo("cargo.containerNumbers[0]"));
        // A field name is text from outside too: refused, whatever the reader calls it.
        given().auth().oauth2(firm).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"a" + lone + "b\": 1}").when().post("/api/v1/declarations").then().statusCode(400)
                .contentType("application/problem+json");

        // The amendment, the cancellation's reason: the booking stays as it was.
        Map<String, Object> booked = Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.spareSlot(14));
        String id = Api.declare(firm, booked).then().statusCode(201).extract().path("id");
        given().auth().oauth2(firm).contentType("application/json")
                .body("{\"driver\":{\"fullName\":\"B" + lone + "\",\"idNumber\":\"001099012345\",\"phone\":\"0912345678\"}}")
                .when().patch("/api/v1/declarations/" + id).then().statusCode(400).body("errors[0].field", equalTo("driver.fullName"));
        given().auth().oauth2(firm).contentType("application/json").body("{\"reason\":\"xe h" + lone + "ng\"}")
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(firm).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("driver.fullName", equalTo("Nguyễn Văn Ánh"));

        // A webhook, a gate closure's reason, an inspection note.
        given().auth().oauth2(firm).contentType("application/json")
                .body("{\"url\":\"https://surrogate.example.vn/a" + lone + "\"}")
                .when().post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        assertEquals(0, Database.count("SELECT count(*) FROM webhooks WHERE url LIKE 'https://surrogate.example.vn/%'"));
        String gate = Gates.onboard("Cửa khẩu đóng", 5);
        given().auth().oauth2(Tokens.role("admin")).contentType("application/json")
                .body("{\"from\":\"" + Fixtures.iso(Fixtures.slot(2, 8)) + "\",\"to\":\"" + Fixtures.iso(Fixtures.slot(2, 10))
                        + "\",\"reason\":{\"vi\":\"Ngh" + lone + "\",\"en\":\"Holiday\"}}")
                .when().post("/api/v1/gates/" + gate + "/closures").then().statusCode(400)
                .body("errors[0].field", equalTo("reason.vi"));
        assertEquals(0, Database.count("SELECT count(*) FROM gate_closures WHERE gate_code = ?", gate));
        given().auth().oauth2(Tokens.officer("customs", "HUU_NGHI")).contentType("application/json")
                .body("{\"decision\":\"HOLD\",\"note\":\"ki" + lone + "m tra\"}")
                .when().post("/api/v1/declarations/" + id + "/inspections").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
    }

    /** A lone surrogate in an address arrives as invalid UTF-8 (%ED%A0%80); it is a 400 like %00, never a 500. */
    @Test
    void invalidUtf8InAPathOrQueryIs400AndNothingIsStored() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        for (String bad : List.of("%ED%A0%80", "%ED%B0%80", "%FF", "%C0%80", "%E6%A1")) {
            given().urlEncodingEnabled(false).when().get("/api/v1/gates/HUU" + bad + "NGHI").then().statusCode(400)
                    .contentType("application/problem+json").body("type", endsWith("/problems/validation"))
                    .body("errors[0].field", equalTo("(uri)"));
            given().auth().oauth2(firm).urlEncodingEnabled(false)
                    .when().get("/api/v1/declarations?gate=HUU" + bad + "NGHI").then().statusCode(400)
                    .body("type", endsWith("/problems/validation"));
            given().urlEncodingEnabled(false).queryParam("direction", "EXPORT").queryParam("date", "2027-01-01" + bad)
                    .when().get("/api/v1/gates/HUU_NGHI/slots").then().statusCode(400);
        }
        String gate = Gates.onboard("Cửa khẩu địa chỉ", 5);
        given().auth().oauth2(Tokens.role("admin")).contentType("application/json").urlEncodingEnabled(false)
                .body(Map.of("from", Fixtures.iso(Fixtures.slot(2, 8)), "to", Fixtures.iso(Fixtures.slot(2, 10)),
                        "reason", Map.of("vi", "Nghỉ", "en", "Holiday")))
                .when().post("/api/v1/gates/" + gate + "%ED%A0%80/closures").then().statusCode(400);
        assertEquals(0, Database.count("SELECT count(*) FROM gate_closures WHERE gate_code LIKE ?", gate + "%"));
        // Text properly encoded as UTF-8 still reads: 桂 is %E6%A1%82.
        given().urlEncodingEnabled(false).when().get("/api/v1/gates/%E6%A1%82").then().statusCode(404);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8WithRaw(String before, byte[] raw, String after) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String plate(Map<String, Object> body) {
        return (String) ((Map<?, ?>) body.get("vehicle")).get("plate");
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
