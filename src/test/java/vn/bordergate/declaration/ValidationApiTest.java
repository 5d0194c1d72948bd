package vn.bordergate.declaration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.Tokens;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What a firm's system sees when it sends a bad declaration: a 400 problem naming the exact field, and
 * nothing booked. Also the other side: what is valid (Chinese plates, Vietnamese text) comes back intact.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class ValidationApiTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);
    static final String GATE = "MONG_CAI";

    static Response declare(Object body) {
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/declarations");
    }

    /** A valid declaration for a fresh truck at the spare slot of {@code hour}; tests spoil one field of it. */
    static Map<String, Object> valid(int hour) {
        return Fixtures.declaration(GATE, "EXPORT", Fixtures.spareSlot(hour));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> part(Map<String, Object> body, String name) {
        return (Map<String, Object>) body.get(name);
    }

    static String plate(Map<String, Object> body) {
        return (String) part(body, "vehicle").get("plate");
    }

    /** The refusal every bad field gets: a 400 validation problem naming {@code field}. */
    static ValidatableResponse refused(Response response, String field) {
        return response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/validation"))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors.field", hasItem(field));
    }

    /** The message given for {@code field} in a validation problem. */
    static String message(ValidatableResponse refusal, String field) {
        return refusal.extract().path("errors.find { it.field == '" + field + "' }.message");
    }

    static int available(String gate, String direction, OffsetDateTime slot) {
        return given().queryParam("direction", direction).queryParam("date", slot.toLocalDate().toString())
                .when().get("/api/v1/gates/" + gate + "/slots")
                .then().statusCode(200).extract().path("find { it.start == '" + Fixtures.iso(slot) + "' }.available");
    }

    static void nothingStoredFor(String plate) {
        assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE plate_key = ?", Fixtures.plateKey(plate)),
                "a refused declaration must not be stored");
    }

    static void bookedOnce(String plateKey) {
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE plate_key = ?", plateKey));
    }

    @Test
    void aMistypedVietnamesePlateIsRefused() {
        for (String bad : List.of("29C-123.456", "ABC-123", "05C-123.45", "29C")) {
            Map<String, Object> body = valid(14);
            part(body, "vehicle").put("plate", bad);
            refused(declare(body), "vehicle.plate");
            nothingStoredFor(bad);
        }
    }

    @Test
    void aChineseTruckBooksWithAChinesePlateButNotAVietnameseOne() {
        String chinese = Fixtures.newChinesePlate();
        Map<String, Object> body = valid(14);
        body.put("direction", "IMPORT");
        part(body, "vehicle").put("plate", chinese);
        part(body, "vehicle").put("country", "CN");
        part(body, "vehicle").remove("trailerPlate");
        declare(body).then().statusCode(201)
                .body("vehicle.plate", equalTo(chinese))
                .body("vehicle.country", equalTo("CN"));
        bookedOnce(chinese);

        Map<String, Object> vietnamesePlate = valid(14);
        String plate = plate(vietnamesePlate);
        part(vietnamesePlate, "vehicle").put("country", "CN");
        part(vietnamesePlate, "vehicle").remove("trailerPlate");
        refused(declare(vietnamesePlate), "vehicle.plate");
        nothingStoredFor(plate);
    }

    @Test
    void theSameTruckTypedDifferentlyIsRecognisedAsTheSameTruck() {
        String plate = Fixtures.newPlate();
        declare(Fixtures.declaration(GATE, "EXPORT", Fixtures.spareSlot(15), plate)).then().statusCode(201)
                .body("vehicle.plate", equalTo(plate));

        // Another gate the same day: one truck, one active booking per day, wherever it is.
        String retyped = Fixtures.plateKey(plate).toLowerCase(Locale.ROOT);
        OffsetDateTime elsewhere = Fixtures.spareSlot(16);
        int before = available("CHI_MA", "IMPORT", elsewhere);
        declare(Fixtures.declaration("CHI_MA", "IMPORT", elsewhere, retyped)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/vehicle-already-booked"));
        bookedOnce(Fixtures.plateKey(plate));
        assertEquals(before, available("CHI_MA", "IMPORT", elsewhere), "the refused claim must be given back");
    }

    /**
     * One field of a valid declaration set to a bad value: where, the value, the field the 400 names, and a
     * part of its message worth checking (or null).
     */
    static Stream<Arguments> badFields() {
        return Stream.of(
                arguments("cargo.containerNumbers", List.of("MSKU9070324"), "cargo.containerNumbers[0]", "check digit should be 3"),
                arguments("cargo.customsDeclarationNumbers", List.of("30512345678"), "cargo.customsDeclarationNumbers[0]", null),
                arguments("driver.phone", "12345", "driver.phone", null),
                arguments("cargo.grossWeightKg", 0, "cargo.grossWeightKg", null),
                arguments("cargo.grossWeightKg", 100_000, "cargo.grossWeightKg", null),
                arguments("gateCode", "NOWHERE", "gateCode", null),
                arguments("colour", "red", "colour", null),
                arguments("vehicle.colour", "red", "vehicle.colour", null),
                arguments("direction", 5, "direction", null),
                // Jackson would read 1 as the second constant (IMPORT): a silent wrong booking, so it is refused too.
                arguments("direction", 1, "direction", null),
                arguments("direction", "SIDEWAYS", "direction", "[EXPORT, IMPORT]"),
                arguments("cargo.category", "DURIAN", "cargo.category", null),
                arguments("cargo.grossWeightKg", "heavy", "cargo.grossWeightKg", null),
                arguments("vehicle", "29C-123.45", "vehicle", null),
                arguments("cargo.containerNumbers", "MSKU9070323", "cargo.containerNumbers", null));
    }

    @ParameterizedTest(name = "{0} = {1} is refused naming {2}")
    @MethodSource("badFields")
    void aBadFieldIsRefusedByNameAndNothingIsStored(String path, Object value, String field, String messagePart) {
        Map<String, Object> body = valid(14);
        String plate = plate(body);
        int dot = path.indexOf('.');
        (dot < 0 ? body : part(body, path.substring(0, dot))).put(path.substring(dot + 1), value);

        ValidatableResponse refusal = refused(declare(body), field);

        if (messagePart != null) {
            String message = message(refusal, field);
            assertTrue(message.contains(messagePart), "expected '" + messagePart + "' in '" + message + "'");
        }
        nothingStoredFor(plate);
    }

    static Stream<Arguments> slotsThatCannotBeBooked() {
        return Stream.of(
                arguments("is in the past", Fixtures.slot(-1, 10)),
                arguments("is outside the gate's opening hours", Fixtures.spareSlot(3)),
                arguments("is not the start of a slot", Fixtures.spareSlot(8).plusMinutes(30)));
    }

    @ParameterizedTest(name = "slotStart {0}")
    @MethodSource("slotsThatCannotBeBooked")
    void aSlotInThePastOutsideOpeningHoursOrOffTheGridIsRefused(String why, OffsetDateTime start) {
        Map<String, Object> body = Fixtures.declaration(GATE, "EXPORT", start);
        String message = message(refused(declare(body), "slotStart"), "slotStart");
        assertTrue(message.startsWith(why), "slot " + start + ": expected '" + why + "', got '" + message + "'");
        nothingStoredFor(plate(body));
    }

    @Test
    void aSlotOnADayNotYetOpenIsAConflictThatSaysWhenItOpens() {
        Map<String, Object> body = Fixtures.declaration(GATE, "EXPORT", Fixtures.slot(4, 10));
        // The gate's horizon is 3 days, opening at 00:00: day +4 opens tomorrow at midnight.
        String opens = Fixtures.today().plusDays(1).atStartOfDay(Fixtures.VIETNAM).toOffsetDateTime().toString();
        io.restassured.response.Response refused = declare(body);
        refused.then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/problems/booking-not-open"))
                .body("opensAt", startsWith(opens.substring(0, 16)));
        PublishedContract.assertDocumented("POST", "/api/v1/declarations", refused);
        given().queryParam("direction", "EXPORT").queryParam("date", Fixtures.today().plusDays(4).toString())
                .when().get("/api/v1/gates/" + GATE + "/slots").then().statusCode(409)
                .body("type", endsWith("/problems/booking-not-open"));
        nothingStoredFor(plate(body));
    }

    @Test
    void malformedJsonIsAProblemNotACrash() {
        declare("{\"gateCode\":").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-json"))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    @Test
    void aCreatingPostNeedsAnIdempotencyKey() {
        Map<String, Object> body = valid(14);
        refused(given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/declarations"), "Idempotency-Key");
        nothingStoredFor(plate(body));
    }

    @Test
    void aBodyOverTheSizeLimitIs413ProblemJson() {
        Map<String, Object> body = valid(14);
        part(body, "cargo").put("description", "x".repeat(600 * 1024));
        io.restassured.response.Response refused = given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/declarations");
        PublishedContract.assertDocumented("POST", "/api/v1/declarations", refused);
        refused.then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/body-too-large"))
                .body("status", equalTo(413))
                .body("title", notNullValue())
                .body("detail", containsString("512"));
        nothingStoredFor(plate(body));

        // The connection was closed after the refusal; the next request must be served normally.
        given().when().get("/api/v1/gates/" + GATE).then().statusCode(200);
    }

    /** Sends {@code body} chunked, without a Content-Length, as streaming clients do. */
    static HttpResponse<String> postChunked(String path, Object body) throws Exception {
        byte[] bytes = new ObjectMapper().writeValueAsBytes(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + path))
                .header("Authorization", "Bearer " + FIRM)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsStillServed() throws Exception {
        // Enough declarations to pass the REST layer's 10 KiB in-memory buffer, sent as streaming clients do.
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> item = valid(15);
            item.put("direction", "IMPORT");
            items.add(item);
        }
        HttpResponse<String> response = postChunked("/api/v1/declarations/batch", items);

        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> result = new ObjectMapper().readValue(response.body(), Map.class);
        assertEquals(20, result.get("accepted"), response.body());
        bookedOnce(Fixtures.plateKey(plate(items.get(19))));
    }

    @Test
    void vietnameseTextComesBackByteForByte() {
        String name = "Nguyễn Thị Ánh Tuyết";
        String description = "Vải thiều Lục Ngạn – loại 1";
        roundTrip(name, description);
        // Some keyboards send letters and their tone marks as separate code points; they are kept as sent too.
        roundTrip(Normalizer.normalize(name, Normalizer.Form.NFD), Normalizer.normalize(description, Normalizer.Form.NFD));
    }

    static void roundTrip(String name, String description) {
        // Written by hand and sent as UTF-8 bytes, so nothing on the client side re-encodes the text.
        String json = "{\"gateCode\":\"" + GATE + "\",\"direction\":\"EXPORT\",\"slotStart\":\""
                + Fixtures.iso(Fixtures.spareSlot(14)) + "\",\"vehicle\":{\"plate\":\"" + Fixtures.newPlate()
                + "\",\"country\":\"VN\"},\"driver\":{\"fullName\":\"" + name
                + "\",\"idNumber\":\"001099012345\",\"phone\":\"0912345678\"},\"cargo\":{\"category\":\"FRESH_FRUIT\","
                + "\"description\":\"" + description + "\",\"grossWeightKg\":18500,"
                + "\"customsDeclarationNumbers\":[\"305123456789\"]}}";

        Response created = given().auth().oauth2(FIRM).contentType("application/json; charset=UTF-8")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(json.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/declarations");
        created.then().statusCode(201)
                .body("driver.fullName", equalTo(name))
                .body("cargo.description", equalTo(description));
        String id = created.path("id");
        assertUtf8Contains(created.asByteArray(), name, description);

        Response read = given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id);
        read.then().statusCode(200)
                .body("driver.fullName", equalTo(name))
                .body("cargo.description", equalTo(description));
        assertUtf8Contains(read.asByteArray(), name, description);
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ?::uuid "
                + "AND driver->>'fullName' = ? AND cargo->>'description' = ?", id, name, description));
    }

    static void assertUtf8Contains(byte[] response, String... texts) {
        String decoded = new String(response, StandardCharsets.UTF_8);
        for (String text : texts) {
            assertTrue(decoded.contains(text), "the UTF-8 bytes of the answer should contain " + text);
        }
    }

    @Test
    void aBatchAdmitsTheValidItemsAndRefusesTheInvalidOneAlone() {
        Map<String, Object> first = valid(15);
        Map<String, Object> invalid = valid(15);
        part(invalid, "cargo").put("containerNumbers", List.of("MSKU9070324"));
        Map<String, Object> third = valid(15);

        given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(first, invalid, third)).when().post("/api/v1/declarations/batch").then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("refused", equalTo(1))
                .body("results", hasSize(3))
                .body("results[0].status", equalTo(201))
                .body("results[0].declaration.status", equalTo("BOOKED"))
                .body("results[1].status", equalTo(400))
                .body("results[1].problem.type", endsWith("/problems/validation"))
                .body("results[1].problem.errors.field", hasItem("cargo.containerNumbers[0]"))
                .body("results[1]", not(hasKey("declaration")))
                .body("results[2].status", equalTo(201));
        bookedOnce(Fixtures.plateKey(plate(first)));
        nothingStoredFor(plate(invalid));
        bookedOnce(Fixtures.plateKey(plate(third)));
    }

    @Test
    void aBatchOfMoreThanAHundredIsRefusedWhole() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(valid(16));
        }
        given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(items).when().post("/api/v1/declarations/batch").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/validation"))
                .body("errors[0].message", containsString("100"));
        nothingStoredFor(plate(items.get(0)));
        nothingStoredFor(plate(items.get(100)));
    }
}
