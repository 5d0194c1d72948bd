package vn.bordergate.declaration.archive;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.idempotency.DeclarationIds;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Declarations, their events and inspections live in day partitions (V7): a booking lands in its day's,
 * a lookup by id reads only that one, partitions exist well ahead, and a finished day leaves the online
 * tables for the archive schema (still read through the API) and is dropped after its retention (410 Gone).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PartitionsTest {

    static final String AUDITOR = Tokens.role("auditor");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String METRICS = "http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001) + "/q/metrics";

    @Inject
    PartitionKeeper keeper;

    static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void aBookingLandsInItsBookingDaysPartitionWithItsEventAndIsReadFromThatOneAlone() {
        String id = given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(2, 9)))
                .when().post("/api/v1/declarations").then().statusCode(201).extract().path("id");
        String day = PartitionStatements.partition("declarations", todayUtc()).substring("declarations_".length());

        assertEquals(todayUtc(), DeclarationIds.partitionDay(UUID.fromString(id)));
        assertEquals("declarations_" + day,
                Database.text("SELECT tableoid::regclass::text FROM declarations WHERE id = ?::uuid", id));
        assertEquals("declaration_events_" + day,
                Database.text("SELECT tableoid::regclass::text FROM declaration_events WHERE declaration_id = ?::uuid", id));

        // The lookup by id the service makes plans a scan of one partition, however many days are online.
        String plan = Database.text("EXPLAIN (FORMAT JSON) SELECT * FROM declarations d WHERE d.id = '" + id
                + "'::uuid AND d.partition_day = partition_day_of('" + id + "'::uuid)");
        assertEquals(1, plan.split("\"Relation Name\"").length - 1, plan);
        assertTrue(plan.contains("declarations_" + day), plan);
    }

    @Test
    void everyDayHasItsPartitionsTwoWeeksAheadAndTheKeeperMovesTheWindowOn() {
        for (int ahead = 0; ahead <= 14; ahead++) {
            assertTrue(attached("declarations", todayUtc().plusDays(ahead)), "day +" + ahead);
        }
        LocalDate later = todayUtc().plusDays(30);
        assertFalse(attached("declaration_events", later.plusDays(14)));

        keeper.createAhead(later).await().atMost(WAIT);

        for (String table : PartitionStatements.TABLES) {
            assertTrue(attached(table, later.plusDays(14)), table);
        }
        given().when().get(METRICS).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("bordergate_partition_days_ahead"));
    }

    @Test
    void aFinishedDayIsArchivedWholeAndLeavesTheApiWhileDaysStillInUseStayOnline() {
        LocalDate finished = LocalDate.of(2025, 3, 3);
        LocalDate stillActive = finished.plusDays(1);
        LocalDate deliveryPending = finished.plusDays(2);
        for (LocalDate day : List.of(finished, stillActive, deliveryPending)) {
            keeper.create(day).await().atMost(WAIT);
        }
        UUID done = declarationOn(finished, "EXITED");
        UUID active = declarationOn(stillActive, "CHECKED_IN");
        UUID waitingForWebhook = declarationOn(deliveryPending, "EXITED");
        Database.update("INSERT INTO inspections (declaration_id, partition_day, agency, decision, officer, decided_at) "
                + "VALUES (?, ?, 'customs', 'CLEARED', 'officer-1', now())", done, finished);
        UUID webhook = UUID.randomUUID();
        Database.update("INSERT INTO webhooks (id, tax_code, url, secret, created_by) "
                + "VALUES (?, '0100109106', 'http://localhost:1/hook', 's', 'test')", webhook);
        Database.update("INSERT INTO webhook_deliveries (webhook_id, event_id, declaration_id, event_type, event_at, "
                + "next_attempt_at) VALUES (?, 1, ?, 'EXITED', now(), now() + interval '1 day')", webhook, waitingForWebhook);
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/" + done).then().statusCode(200);

        List<Optional<LocalDate>> finishedDays = keeper.finishDays(todayUtc()).await().atMost(WAIT);
        assertTrue(finishedDays.contains(Optional.of(finished)), finishedDays.toString());
        assertFalse(finishedDays.contains(Optional.of(stillActive)), "a truck in the yard keeps its day live");
        List<Optional<LocalDate>> archived = keeper.archiveOld(todayUtc()).await().atMost(WAIT);

        assertTrue(archived.contains(Optional.of(finished)), archived.toString());
        assertFalse(archived.contains(Optional.of(stillActive)), archived.toString());
        assertFalse(archived.contains(Optional.of(deliveryPending)), archived.toString());
        // Archived, still read through the API, from the archive's own table.
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/" + done).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("EXITED"));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/" + done + "/events").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/declarations/" + done + "/verify").then().statusCode(200)
                .body("events", org.hamcrest.Matchers.equalTo(1));
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_B)).when().get("/api/v1/declarations/" + done)
                .then().statusCode(404);
        // A firm's listing of that slot day reads the archived booking day too, by an index of the slot day.
        String archivedTable = PartitionStatements.partition("declarations", finished);
        assertEquals(2, Database.count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'archive' AND tablename = ? "
                + "AND indexname IN (?, ?)", archivedTable, archivedTable + "_firm_slot_day", archivedTable + "_slot_day"));
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).queryParam("date", finished.toString())
                .when().get("/api/v1/declarations").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(done.toString()));
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_B)).queryParam("date", finished.toString())
                .when().get("/api/v1/declarations").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(done.toString())));
        for (String table : PartitionStatements.TABLES) {
            assertFalse(attached(table, finished), table);
            assertEquals(1, Database.count("SELECT count(*) FROM archive." + PartitionStatements.partition(table, finished)),
                    table + " keeps its row in the archive");
        }
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/" + active).then().statusCode(200);
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/declarations/" + active + "/verify").then().statusCode(200);
        assertTrue(attached("declarations", deliveryPending));

        // Kept five years from its newest slot, then dropped; the days still online are not touched.
        assertFalse(keeper.dropExpired(finished.plusYears(5)).await().atMost(WAIT).contains(Optional.of(finished)));
        List<Optional<LocalDate>> dropped = keeper.dropExpired(finished.plusYears(5).plusDays(1)).await().atMost(WAIT);
        assertTrue(dropped.contains(Optional.of(finished)), dropped.toString());
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/" + done).then().statusCode(410)
                .body("type", org.hamcrest.Matchers.endsWith("/gone"));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/declarations/"
                + DeclarationIds.mint(finished.minusDays(1), "never booked")).then().statusCode(404);
        assertEquals(0, Database.count("SELECT count(*) FROM pg_class WHERE relname = ?",
                PartitionStatements.partition("declarations", finished)));
        assertTrue(attached("declarations", stillActive));
    }

    /** A declaration booked (and with its slot) on {@code day}, in {@code status}, with its first event. */
    private static UUID declarationOn(LocalDate day, String status) {
        UUID id = DeclarationIds.mint(day, UUID.randomUUID().toString());
        OffsetDateTime slot = day.atTime(9, 0).atOffset(ZoneOffset.ofHours(7));
        Database.update("INSERT INTO declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, "
                + "slot_day, status, priority, queue_number, tax_code, plate_key, driver_phone, vehicle, driver, cargo, "
                + "created_by) VALUES (?, ?, ?, 'CHI_MA', 'EXPORT', ?, ?, ?, ?, 'STANDARD', 1, '0100109106', ?, '0912345678', "
                + "'{}'::jsonb, '{}'::jsonb, '{}'::jsonb, 'test')",
                id, day, "CM-ARCHIVE-" + id.toString().substring(9, 18), slot, slot.plusHours(1), day, status,
                "ARCHIVE" + id.toString().substring(24));
        Database.update("INSERT INTO declaration_events (declaration_id, partition_day, type, to_status, actor, actor_role, "
                + "gate_code, occurred_at, prev_hash, hash) VALUES (?, ?, 'DECLARED', 'BOOKED', 'test', 'enterprise', "
                + "'CHI_MA', ?, 'genesis', 'h')", id, day, slot.minusDays(1));
        return id;
    }

    private static boolean attached(String table, LocalDate day) {
        return Database.count("SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass(?)",
                "public." + PartitionStatements.partition(table, day)) == 1;
    }
}
