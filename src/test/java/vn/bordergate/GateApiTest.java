package vn.bordergate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class GateApiTest {

    @Test
    void listsTheSixSeededGates() {
        given().when().get("/api/v1/gates").then()
                .statusCode(200)
                .body("code", hasItems("HUU_NGHI", "TAN_THANH", "COC_NAM", "CHI_MA", "MONG_CAI", "KIM_THANH"))
                .body("find { it.code == 'HUU_NGHI' }.name", equalTo("Hữu Nghị"))
                .body("find { it.code == 'HUU_NGHI' }.timeZone", equalTo("Asia/Ho_Chi_Minh"));
    }

    @Test
    void unknownGateIsAProblem404() {
        given().when().get("/api/v1/gates/NOWHERE").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", containsString("/problems/not-found"));
    }

    @Test
    void slotsOfADayCoverOpeningHoursWithCapacity() {
        String tomorrow = Fixtures.today().plusDays(1).toString();
        given().queryParam("direction", "EXPORT").queryParam("date", tomorrow)
                .when().get("/api/v1/gates/HUU_NGHI/slots").then()
                .statusCode(200)
                .body("$", hasSize(12))
                .body("[0].start", equalTo(tomorrow + "T07:00:00+07:00"))
                .body("[0].end", equalTo(tomorrow + "T08:00:00+07:00"))
                .body("[0].capacity", equalTo(25));
    }

    @Test
    void slotsNeedADirection() {
        given().when().get("/api/v1/gates/HUU_NGHI/slots").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("direction"));
    }
}
