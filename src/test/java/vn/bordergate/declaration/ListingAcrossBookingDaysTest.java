package vn.bordergate.declaration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.archive.PartitionKeeper;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Gates;
import vn.bordergate.support.History;
import vn.bordergate.support.Tokens;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listings read only the day partitions their page needs: a firm pages through months of history in order,
 * each declaration once; a slot day finds a booking moved far from its booking day; a truck waiting in the
 * yard since an old booking day is still in the yard after older days finished.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class ListingAcrossBookingDaysTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_B);

    @Inject
    PartitionKeeper keeper;

    @Test
    void aFirmPagesThroughMonthsOfBookingDaysInOrderEachDeclarationOnce() {
        String gate = Gates.onboard("Lịch sử danh sách", 10);
        List<UUID> seeded = new ArrayList<>();
        // Booking days a month apart: the listing's windows must grow to cross the gaps.
        for (LocalDate day = LocalDate.of(2023, 1, 5); day.isBefore(LocalDate.of(2023, 7, 1)); day = day.plusDays(29)) {
            for (int i = 0; i < 3; i++) {
                OffsetDateTime at = day.atTime(8 + i, 0).atOffset(ZoneOffset.UTC);
                seeded.add(History.declaration(day, day.plusDays(1), gate, Tokens.FIRM_B, "EXITED", at, 30));
            }
        }

        List<UUID> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(FIRM).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/declarations").then().statusCode(200).extract().jsonPath();
            page.getList("items.id", String.class).forEach(id -> listed.add(UUID.fromString(id)));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10_000);

        Set<UUID> distinct = new HashSet<>(listed);
        assertEquals(listed.size(), distinct.size(), "no declaration twice");
        List<UUID> ours = listed.stream().filter(seeded::contains).toList();
        assertEquals(seeded, ours, "every seeded declaration, oldest booking day first, in booking order");
    }

    @Test
    void aSlotDayFindsABookingMovedFarFromItsBookingDay() {
        String gate = Gates.onboard("Dời xa", 10);
        LocalDate booked = LocalDate.of(2023, 9, 1);
        LocalDate movedTo = LocalDate.of(2023, 10, 20);
        UUID id = History.declaration(booked, booked.plusDays(1), gate, Tokens.FIRM_B, "BOOKED",
                booked.atTime(9, 0).atOffset(ZoneOffset.UTC), null);
        // As an amendment or a closure would: the row stays in its booking day's partition.
        Database.update("UPDATE declarations SET slot_day = ?, slot_start = slot_start + interval '49 days', "
                + "slot_end = slot_end + interval '49 days' WHERE id = ?", movedTo, id);

        List<String> onThatDay = given().auth().oauth2(FIRM).queryParam("date", movedTo.toString()).queryParam("gate", gate)
                .when().get("/api/v1/declarations").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(List.of(id.toString()), onThatDay);
        // And it left its first day.
        assertTrue(given().auth().oauth2(FIRM).queryParam("date", booked.plusDays(1).toString()).queryParam("gate", gate)
                .when().get("/api/v1/declarations").then().statusCode(200).extract().jsonPath().getList("items").isEmpty());
        Database.update("UPDATE declarations SET status = 'CANCELLED' WHERE id = ?", id);
    }

    @Test
    void aTruckInTheYardSinceAnOldBookingDayStaysInTheYardWhenOlderDaysFinish() {
        String gate = Gates.onboard("Bãi chờ lâu", 10);
        LocalDate longAgo = LocalDate.of(2023, 11, 2);
        History.declaration(longAgo.minusDays(1), longAgo.minusDays(1), gate, Tokens.FIRM_B, "EXITED",
                longAgo.minusDays(2).atTime(9, 0).atOffset(ZoneOffset.UTC), 10);
        UUID waiting = History.declaration(longAgo, longAgo, gate, Tokens.FIRM_B, "CHECKED_IN",
                longAgo.atTime(9, 0).atOffset(ZoneOffset.UTC), null);
        Database.update("UPDATE declarations SET checked_in_at = slot_start WHERE id = ?", waiting);
        try {
            List<?> finished = keeper.finishDays(LocalDate.now(ZoneOffset.UTC)).await().atMost(Duration.ofSeconds(60));
            assertTrue(finished.contains(java.util.Optional.of(longAgo.minusDays(1))), "the day before is finished");
            assertTrue(!finished.contains(java.util.Optional.of(longAgo)), "the waiting truck keeps its day live");

            List<String> yard = given().auth().oauth2(Tokens.officer("yard-officer", gate)).queryParam("direction", "EXPORT")
                    .when().get("/api/v1/gates/" + gate + "/yard").then().statusCode(200).extract().jsonPath()
                    .getList("declarationId", String.class);
            assertEquals(List.of(waiting.toString()), yard);
        } finally {
            // Later tests' live days should not start this far back.
            Database.update("UPDATE declarations SET status = 'EXITED', exited_at = now() WHERE id = ?", waiting);
        }
    }
}
