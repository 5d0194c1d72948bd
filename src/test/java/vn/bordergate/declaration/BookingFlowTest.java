package vn.bordergate.declaration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A firm declares a truck, reads it back, amends it, moves it to another slot and cancels it. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BookingFlowTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    @Test
    void declaringBooksTheSlotAndCommitsTheRow() {
        OffsetDateTime slot = Fixtures.slot(1, 9);
        int before = Api.available("HUU_NGHI", "EXPORT", slot);

        Response created = Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "EXPORT", slot));

        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/declarations/[0-9a-f-]{36}"))
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("BOOKED"))
                .body("reference", matchesPattern("HN-" + slot.toLocalDate().toString().replace("-", "") + "-\\d{6,}"))
                .body("slot.start", equalTo(Fixtures.iso(slot)))
                .body("slot.end", equalTo(Fixtures.iso(slot.plusHours(1))))
                .body("priority", equalTo("PERISHABLE"))
                .body("queueNumber", greaterThan(0))
                .body("version", equalTo(1))
                .body("taxCode", equalTo(Tokens.FIRM_A))
                .body("driver.fullName", equalTo("Nguyễn Văn Ánh"))
                .body("cargo.description", equalTo("Thanh long ruột đỏ"))
                .body("driver.phone", equalTo("+84912345678"));
        String id = created.path("id");
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ?::uuid AND status = 'BOOKED'", id));
        assertEquals(before - 1, Api.available("HUU_NGHI", "EXPORT", slot));

        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then()
                .statusCode(200).body("id", equalTo(id)).header("ETag", equalTo("\"1\""));
        given().auth().oauth2(FIRM).queryParam("date", slot.toLocalDate().toString()).queryParam("limit", 200)
                .when().get("/api/v1/declarations").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id + "/events").then()
                .statusCode(200).body("[0].type", equalTo("DECLARED")).body("[0].toStatus", equalTo("BOOKED"))
                .body("[0].actor", equalTo("firm-" + Tokens.FIRM_A)).body("[0].actorRole", equalTo("enterprise"));

        int queued = created.path("queueNumber");
        int next = Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "EXPORT", slot)).then().statusCode(201)
                .extract().path("queueNumber");
        assertTrue(next > queued, "the next truck of the day queues behind: " + queued + ", then " + next);
    }

    @Test
    void withoutSlotStartTheEarliestSlotWithRoomIsBooked() {
        Map<String, Object> body = Fixtures.declaration("KIM_THANH", "IMPORT", null);
        OffsetDateTime asked = OffsetDateTime.now();
        Response created = Api.declare(FIRM, body);
        created.then().statusCode(201).body("gateCode", equalTo("KIM_THANH"));

        OffsetDateTime start = OffsetDateTime.parse(created.path("slot.start"));
        assertTrue(OffsetDateTime.parse(created.path("slot.end")).isAfter(asked), "a slot still open: " + start);
        // Every slot before it that is still open now was open when the firm asked: none of them has room.
        OffsetDateTime now = OffsetDateTime.now();
        for (LocalDate day = Fixtures.today(); !day.isAfter(start.toLocalDate()); day = day.plusDays(1)) {
            List<Map<String, Object>> slots = given().queryParam("direction", "IMPORT").queryParam("date", day.toString())
                    .when().get("/api/v1/gates/KIM_THANH/slots").then().statusCode(200).extract().path("$");
            for (Map<String, Object> slot : slots) {
                if (OffsetDateTime.parse((String) slot.get("start")).isBefore(start)
                        && OffsetDateTime.parse((String) slot.get("end")).isAfter(now)) {
                    assertEquals(0, slot.get("available"), "an earlier open slot had room: " + slot);
                }
            }
        }
    }

    @Test
    void amendingTheSlotMovesThePlaceAndBumpsTheVersion() {
        OffsetDateTime from = Fixtures.slot(1, 10);
        OffsetDateTime to = Fixtures.slot(2, 11);
        String id = Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "IMPORT", from)).then().statusCode(201).extract().path("id");
        int fromBefore = Api.available("HUU_NGHI", "IMPORT", from);
        int toBefore = Api.available("HUU_NGHI", "IMPORT", to);

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("slotStart", Fixtures.iso(to),
                        "driver", Map.of("fullName", "Trần Thị Bích Ngọc", "idNumber", "001199012345", "phone", "0987654321")))
                .when().patch("/api/v1/declarations/" + id).then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("slot.start", equalTo(Fixtures.iso(to)))
                .body("driver.fullName", equalTo("Trần Thị Bích Ngọc"));

        assertEquals(fromBefore + 1, Api.available("HUU_NGHI", "IMPORT", from));
        assertEquals(toBefore - 1, Api.available("HUU_NGHI", "IMPORT", to));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id + "/events").then()
                .statusCode(200).body("[1].type", equalTo("AMENDED"))
                .body("[1].details.slotStart.to", equalTo(Fixtures.iso(to)));
    }

    @Test
    void aStaleVersionIsRefusedWith412AndChangesNothing() {
        String id = Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.slot(1, 12)))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> cargo = Map.of("category", "GENERAL", "description", "Máy móc", "grossWeightKg", 9000,
                "customsDeclarationNumbers", java.util.List.of("305123456780"));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("cargo", cargo)).when().patch("/api/v1/declarations/" + id).then().statusCode(200)
                .body("priority", equalTo("STANDARD"));

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("cargo", cargo)).when().patch("/api/v1/declarations/" + id).then()
                .statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .body(Map.of("cargo", cargo)).when().patch("/api/v1/declarations/" + id).then()
                .statusCode(428);
        assertEquals(2, Database.count("SELECT version FROM declarations WHERE id = ?::uuid", id));
    }

    @Test
    void cancellingFreesThePlaceAndCannotBeRepeated() {
        OffsetDateTime slot = Fixtures.slot(1, 13);
        String id = Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "EXPORT", slot)).then().statusCode(201).extract().path("id");
        int booked = Api.available("HUU_NGHI", "EXPORT", slot);

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "xe hỏng"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));

        assertEquals(booked + 1, Api.available("HUU_NGHI", "EXPORT", slot));
        given().auth().oauth2(FIRM).when().post("/api/v1/declarations/" + id + "/cancel").then()
                .statusCode(409).body("type", startsWith("http")).body("currentStatus", equalTo("CANCELLED"));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id + "/events").then()
                .statusCode(200).body("[1].type", equalTo("CANCELLED")).body("[1].reason", equalTo("xe hỏng"));
    }
}
