package vn.bordergate.stats;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.archive.PartitionKeeper;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Gates;
import vn.bordergate.support.History;
import vn.bordergate.support.RolledUp;
import vn.bordergate.support.Tokens;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A province reports by year: a gate's statistics over 366 days come from the roll-ups, exact for a day booked
 * long ago, and stay after its declarations are archived.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class YearOfStatisticsTest {

    // 2024 is a leap year: January 1st to December 31st is 366 days.
    static final LocalDate NEW_YEAR = LocalDate.of(2024, 1, 1);
    static final LocalDate YEAR_END = LocalDate.of(2024, 12, 31);

    @Inject
    PartitionKeeper keeper;

    @Test
    void aYearOfAGateIsAnsweredFromTheRollUpsAndOneDayMoreIsRefused() {
        String gate = Gates.onboard("Năm thống kê", 10);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        OffsetDateTime booked = NEW_YEAR.minusDays(1).atTime(10, 0).atOffset(ZoneOffset.UTC);
        LocalDate bookingDay = NEW_YEAR.minusDays(1);
        for (int wait : new int[]{20, 40, 100}) {
            History.declaration(bookingDay, NEW_YEAR, gate, Tokens.FIRM_A, "EXITED", booked, wait);
        }
        History.declaration(bookingDay, NEW_YEAR, gate, Tokens.FIRM_A, "NO_SHOW", booked, null);
        History.declaration(bookingDay, NEW_YEAR, gate, Tokens.FIRM_A, "CANCELLED", booked, null);
        History.declaration(YEAR_END.minusDays(1), YEAR_END, gate, Tokens.FIRM_B, "EXITED", booked.plusDays(365), 30);

        RolledUp.now();
        JsonPath year = given().auth().oauth2(supervisor).queryParam("from", NEW_YEAR.toString())
                .queryParam("to", YEAR_END.toString()).when().get("/api/v1/stats/gates/" + gate)
                .then().statusCode(200).extract().jsonPath();

        assertEquals(2, year.getList("days").size(), year.prettify());
        Map<String, Object> first = year.getMap("days[0]");
        assertEquals(NEW_YEAR.toString(), first.get("day"));
        assertEquals(Map.of("EXITED", 3, "NO_SHOW", 1, "CANCELLED", 1), first.get("byStatus"));
        assertEquals(0.25, ((Number) first.get("noShowRate")).doubleValue(), 1e-9);
        assertEquals(40.0, ((Number) first.get("medianWaitMinutes")).doubleValue(), 1e-9);
        // percentile_cont: 40 + 0.8 × (100 − 40)
        assertEquals(88.0, ((Number) first.get("p90WaitMinutes")).doubleValue(), 1e-9);
        assertEquals(Map.of("EXITED", 1), year.getMap("days[1].byStatus"));
        assertNotNull(year.getString("figuresAsOf"), "the answer says how fresh its figures are");

        given().auth().oauth2(supervisor).queryParam("from", NEW_YEAR.toString())
                .queryParam("to", YEAR_END.plusDays(1).toString()).when().get("/api/v1/stats/gates/" + gate)
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    @Test
    void aDayArchivedKeepsItsFigures() {
        String gate = Gates.onboard("Lưu trữ thống kê", 10);
        LocalDate day = LocalDate.of(2024, 6, 3);
        OffsetDateTime booked = day.minusDays(1).atTime(10, 0).atOffset(ZoneOffset.UTC);
        History.declaration(day.minusDays(1), day, gate, Tokens.FIRM_A, "EXITED", booked, 25);
        History.declaration(day.minusDays(1), day, gate, Tokens.FIRM_A, "EXITED", booked, 35);
        RolledUp.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        keeper.finishDays(today).await().atMost(Duration.ofSeconds(30));
        keeper.archiveOld(today).await().atMost(Duration.ofSeconds(60));

        RolledUp.now();
        given().auth().oauth2(Tokens.role("auditor")).queryParam("from", day.toString())
                .queryParam("to", day.toString()).when().get("/api/v1/stats/gates/" + gate)
                .then().statusCode(200).body("days[0].byStatus.EXITED", equalTo(2))
                .body("days[0].medianWaitMinutes", equalTo(30.0f));
    }
}
