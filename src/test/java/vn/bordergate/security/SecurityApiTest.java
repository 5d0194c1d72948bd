package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who may do what: a bad token is turned away (401), a wrong role is refused (403), and another party's
 * declaration answers 404 as if it did not exist, so no one can even learn that it is there.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class SecurityApiTest {

    static final String FIRM_A = Tokens.enterprise(Tokens.FIRM_A);
    static final String FIRM_B = Tokens.enterprise(Tokens.FIRM_B);

    static Response declare(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/declarations");
    }

    /** A declaration of firm A at {@code gate}, booked on the spare day; returns its id. */
    static String declaredByFirmA(String gate, int hour) {
        return declare(FIRM_A, Fixtures.declaration(gate, "EXPORT", Fixtures.spareSlot(hour)))
                .then().statusCode(201).extract().path("id");
    }

    static void problem(ValidatableResponse response, int status, String type) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/" + type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    /** Expects 401 on both a POST and a GET, whatever is wrong with {@code token}. */
    static void turnedAway(String token) {
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.spareSlot(14));
        problem(declare(token, body).then(), 401, "unauthenticated");
        problem(given().auth().oauth2(token).when().get("/api/v1/declarations").then(), 401, "unauthenticated");
        assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE plate_key = ?",
                Fixtures.plateKey((String) ((Map<?, ?>) body.get("vehicle")).get("plate"))));
    }

    static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutATokenTheAnswerIs401Problem() {
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.spareSlot(14));
        problem(given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/declarations").then(), 401, "unauthenticated");
        problem(given().when().get("/api/v1/declarations").then(), 401, "unauthenticated");
    }

    /** An expired token. */
    static String expired() {
        Instant now = Instant.now();
        return Jwt.issuer(Tokens.ISSUER).subject("firm-late").groups(Set.of(Roles.ENTERPRISE))
                .claim("tax_code", Tokens.FIRM_A)
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)).sign();
    }

    /** Firm B edits its own token to claim firm A's tax code, keeping B's signature. */
    static String tampered() {
        String[] parts = FIRM_B.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace(Tokens.FIRM_B, Tokens.FIRM_A);
        assertNotEquals(payload, forged, "the payload should carry firm B's tax code");
        return parts[0] + "." + base64Url(forged) + "." + parts[2];
    }

    /** A token with {@code alg: none} and no signature. */
    static String unsigned() {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"firm-unsigned\",\"groups\":[\"enterprise\"],"
                + "\"tax_code\":\"" + Tokens.FIRM_A + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        return header + "." + payload + ".";
    }

    /** A well-formed token signed by a key the service does not trust. */
    static String signedByAStranger() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair stranger = generator.generateKeyPair();
            return Jwt.issuer(Tokens.ISSUER).subject("firm-stranger").groups(Set.of(Roles.ENTERPRISE))
                    .claim("tax_code", Tokens.FIRM_A).sign(stranger.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the right key but issued by someone else. */
    static String ofAnotherIssuer() {
        return Jwt.issuer("https://someone-else.example/").subject("firm-elsewhere").groups(Set.of(Roles.ENTERPRISE))
                .claim("tax_code", Tokens.FIRM_A).sign();
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                arguments("expired", (Supplier<String>) SecurityApiTest::expired),
                arguments("tampered", (Supplier<String>) SecurityApiTest::tampered),
                arguments("unsigned", (Supplier<String>) SecurityApiTest::unsigned),
                arguments("signed by another key", (Supplier<String>) SecurityApiTest::signedByAStranger),
                arguments("of another issuer", (Supplier<String>) SecurityApiTest::ofAnotherIssuer));
    }

    @ParameterizedTest(name = "a token {0} is turned away with 401")
    @MethodSource("badTokens")
    void aBadTokenIs401(String what, Supplier<String> token) {
        turnedAway(token.get());
    }

    static Stream<Arguments> notFirms() {
        return Stream.of(
                arguments("a driver", (Supplier<String>) () -> Tokens.driver("+84912345678")),
                arguments("a customs officer", (Supplier<String>) () -> Tokens.officer(Roles.CUSTOMS, "CHI_MA")));
    }

    @ParameterizedTest(name = "{0} may not declare")
    @MethodSource("notFirms")
    void onlyAFirmMayDeclare(String who, Supplier<String> token) {
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.spareSlot(14));
        problem(declare(token.get(), body).then(), 403, "forbidden");
        assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE plate_key = ?",
                Fixtures.plateKey((String) ((Map<?, ?>) body.get("vehicle")).get("plate"))));
    }

    @Test
    void anotherFirmCannotReadAmendOrCancelADeclaration() {
        String id = declaredByFirmA("CHI_MA", 15);

        problem(given().auth().oauth2(FIRM_B).when().get("/api/v1/declarations/" + id).then(), 404, "not-found");
        problem(given().auth().oauth2(FIRM_B).when().get("/api/v1/declarations/" + id + "/events").then(), 404, "not-found");
        problem(given().auth().oauth2(FIRM_B).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("driver", Map.of("fullName", "Kẻ Mạo Danh", "idNumber", "001099099999", "phone", "0987654321")))
                .when().patch("/api/v1/declarations/" + id).then(), 404, "not-found");
        problem(given().auth().oauth2(FIRM_B).contentType(ContentType.JSON).body(Map.of("reason", "phá"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then(), 404, "not-found");

        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ?::uuid AND status = 'BOOKED' "
                + "AND version = 1 AND tax_code = ? AND driver_phone = '+84912345678'", id, Tokens.FIRM_A));
        given().auth().oauth2(FIRM_A).when().get("/api/v1/declarations/" + id).then()
                .statusCode(200).body("status", equalTo("BOOKED")).body("version", equalTo(1));
    }

    @Test
    void aDriverSeesTheDeclarationsTheyDriveAndNoOthers() {
        String id = declaredByFirmA("MONG_CAI", 15);

        for (String phone : new String[] {"+84912345678", "0912345678"}) {
            given().auth().oauth2(Tokens.driver(phone)).when().get("/api/v1/declarations/" + id).then()
                    .statusCode(200).body("id", equalTo(id));
        }
        problem(given().auth().oauth2(Tokens.driver("+84987654321")).when().get("/api/v1/declarations/" + id).then(),
                404, "not-found");
        given().auth().oauth2(Tokens.driver("+84987654321")).queryParam("limit", 200)
                .when().get("/api/v1/declarations").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void anOfficerSeesOnlyTheGatesOfTheirToken() {
        String huuNghi = declaredByFirmA("HUU_NGHI", 16);
        String tanThanh = declaredByFirmA("TAN_THANH", 16);
        String officer = Tokens.officer(Roles.YARD_OFFICER, "HUU_NGHI");

        given().auth().oauth2(officer).when().get("/api/v1/declarations/" + huuNghi).then()
                .statusCode(200).body("gateCode", equalTo("HUU_NGHI"));
        problem(given().auth().oauth2(officer).when().get("/api/v1/declarations/" + tanThanh).then(), 404, "not-found");
    }

    @Test
    void aFirmsListNeverShowsAnotherFirmsDeclarations() {
        String id = declaredByFirmA("MONG_CAI", 16);
        String day = Fixtures.spareSlot(16).toLocalDate().toString();

        given().auth().oauth2(FIRM_A).queryParam("date", day).queryParam("limit", 200)
                .when().get("/api/v1/declarations").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(FIRM_B).queryParam("date", day).queryParam("limit", 200)
                .when().get("/api/v1/declarations").then()
                .statusCode(200).body("items.id", not(hasItem(id)))
                .body("items.taxCode", not(hasItem(Tokens.FIRM_A)));
    }

    @Test
    void theDemoTokenEndpointMintsWorkingTokensForKnownRolesOnly() {
        String customs = given().queryParam("role", Roles.CUSTOMS).queryParam("gates", "HUU_NGHI")
                .when().get("/api/v1/demo/tokens").then()
                .statusCode(200).extract().asString().trim();
        given().auth().oauth2(customs).when().get("/api/v1/declarations").then().statusCode(200);

        problem(given().queryParam("role", "nonsense").when().get("/api/v1/demo/tokens").then(), 400, "validation");
    }
}
