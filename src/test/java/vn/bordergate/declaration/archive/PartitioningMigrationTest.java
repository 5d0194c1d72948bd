package vn.bordergate.declaration.archive;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a database that holds declarations to the partitioned tables (V7) loses nothing: rows, events,
 * inspections, the event sequence and the one-active-booking-per-truck rule all carry over. Runs the real
 * migrations on a database of its own in the test PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PartitioningMigrationTest {

    static final String DATABASE = "before_partitioning";

    @Test
    void declarationsBookedBeforeV7AreAllThereAfterItAndStillKeepTheirRules() throws SQLException {
        Database.update("DROP DATABASE IF EXISTS " + DATABASE);
        Database.update("CREATE DATABASE " + DATABASE);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class)
                .replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        migrate(url, user, password, "6");

        UUID booked = UUID.nameUUIDFromBytes("firm\nkey-1\nbody".getBytes());
        UUID exited = UUID.nameUUIDFromBytes("firm\nkey-2\nbody".getBytes());
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            insertOld(c, booked, "BOOKED", "29C12345");
            insertOld(c, exited, "EXITED", "29C67890");
            run(c, "INSERT INTO inspections (declaration_id, agency, decision, officer, decided_at) "
                    + "VALUES ('" + exited + "', 'customs', 'CLEARED', 'officer-1', now())");
        }

        migrate(url, user, password, "latest");

        try (Connection c = DriverManager.getConnection(url, user, password)) {
            assertEquals(2, count(c, "SELECT count(*) FROM declarations_undated"));
            assertEquals(2, count(c, "SELECT count(*) FROM declaration_events_undated"));
            assertEquals(1, count(c, "SELECT count(*) FROM inspections_undated"));
            assertEquals(1, count(c, "SELECT count(*) FROM declarations d WHERE d.id = '" + booked
                    + "' AND d.partition_day = partition_day_of('" + booked + "') AND d.last_event_hash = 'h-" + booked + "'"));
            assertEquals(1, count(c, "SELECT count(*) FROM active_plate_days WHERE declaration_id = '" + booked + "'"));
            // The event sequence goes on where it was: the audit feed's cursor never sees a number twice.
            long newest = count(c, "SELECT max(id) FROM declaration_events");
            assertTrue(count(c, "SELECT nextval('declaration_events_id_seq')") > newest);
            // The truck that holds a booking that day still cannot hold a second one.
            SQLException twice = assertThrows(SQLException.class, () -> insertNew(c, "29C12345"));
            assertTrue(twice.getMessage().contains("declarations_one_active_per_plate_day"), twice.getMessage());
        }
        Database.update("DROP DATABASE " + DATABASE);
    }

    private static void migrate(String url, String user, String password, String target) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target(target)
                .load().migrate();
    }

    private static void insertOld(Connection c, UUID id, String status, String plate) throws SQLException {
        run(c, "INSERT INTO declarations (id, reference, gate_code, direction, slot_start, slot_end, slot_day, status, "
                + "priority, queue_number, tax_code, plate_key, driver_phone, vehicle, driver, cargo, created_by, last_event_hash) "
                + "VALUES ('" + id + "', 'CM-" + plate + "', 'CHI_MA', 'EXPORT', '2026-11-20 09:00+07', '2026-11-20 10:00+07', "
                + "'2026-11-20', '" + status + "', 'STANDARD', 1, '0100109106', '" + plate + "', '0912345678', '{}', '{}', '{}', "
                + "'test', 'h-" + id + "')");
        run(c, "INSERT INTO declaration_events (declaration_id, type, to_status, actor, actor_role, gate_code, occurred_at, "
                + "prev_hash, hash) VALUES ('" + id + "', 'DECLARED', 'BOOKED', 'test', 'enterprise', 'CHI_MA', now(), "
                + "'genesis', 'h-" + id + "')");
    }

    private static void insertNew(Connection c, String plate) throws SQLException {
        UUID id = UUID.nameUUIDFromBytes(("another booking of " + plate).getBytes());
        run(c, "INSERT INTO declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, slot_day, "
                + "status, priority, queue_number, tax_code, plate_key, driver_phone, vehicle, driver, cargo, created_by) "
                + "VALUES ('" + id + "', partition_day_of('" + id + "'), 'CM-X', 'CHI_MA', 'IMPORT', '2026-11-20 14:00+07', "
                + "'2026-11-20 15:00+07', '2026-11-20', 'BOOKED', 'STANDARD', 2, '0100109106', '" + plate + "', "
                + "'0912345678', '{}', '{}', '{}', 'test')");
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
