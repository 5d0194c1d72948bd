package vn.bordergate.support;

import vn.bordergate.local.EmbeddedInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A hot standby of the embedded PostgreSQL on loopback, made the way {@code pg_basebackup} makes one, with
 * the server's own backup functions (the embedded binaries ship no pg_basebackup): a physical replication
 * slot, {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}'s label, then
 * {@code standby.signal} and {@code primary_conninfo}. It streams WAL from the primary from then on.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final String SLOT = "bordergate_replica";

    private final EmbeddedInfrastructure primary;
    private final Path data;
    private final int port;
    private boolean running;

    private StreamingReplica(EmbeddedInfrastructure primary, Path data, int port) {
        this.primary = primary;
        this.data = data;
        this.port = port;
    }

    public static StreamingReplica of(EmbeddedInfrastructure primary) throws Exception {
        Path data = Files.createTempDirectory("bordergate-pg-replica");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Connection conn = connect(primary.postgresPort()); Statement sql = conn.createStatement()) {
            sql.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            sql.execute("SELECT pg_backup_start('bordergate-replica', true)");
            copy(primary.postgresDataDirectory(), data);
            try (var stop = sql.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                stop.next();
                Files.writeString(data.resolve("backup_label"), stop.getString(1));
            }
        }
        Files.writeString(data.resolve("standby.signal"), "");
        Files.writeString(data.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
                + primary.postgresPort() + " user=postgres application_name=bordergate-replica'\n"
                + "primary_slot_name = '" + SLOT + "'\nhot_standby = on\n", java.nio.file.StandardOpenOption.APPEND);
        StreamingReplica replica = new StreamingReplica(primary, data, port);
        replica.start();
        return replica;
    }

    public int port() {
        return port;
    }

    /** The URL the service takes ({@code bordergate.read-replica.url}). */
    public String url() {
        return "postgresql://localhost:" + port + "/postgres";
    }

    public void start() throws Exception {
        primary.pgCtlOn(data, port, "start", "-w");
        running = true;
        awaitCaughtUp(Duration.ofSeconds(30));
    }

    /** Stops it at once, as a lost machine would. */
    public void stop() {
        if (running) {
            primary.pgCtlOn(data, port, "stop", "-m", "immediate", "-w");
            running = false;
        }
    }

    /** Stops applying the WAL it receives: from now on it shows the primary as it was. */
    public void pauseReplay() throws SQLException {
        try (Connection conn = connect(port); Statement sql = conn.createStatement()) {
            sql.execute("SELECT pg_wal_replay_pause()");
        }
    }

    public void resumeReplay() throws SQLException {
        try (Connection conn = connect(port); Statement sql = conn.createStatement()) {
            sql.execute("SELECT pg_wal_replay_resume()");
        }
    }

    /** Waits until it has replayed everything the primary has written so far. */
    public void awaitCaughtUp(Duration timeout) throws Exception {
        String target;
        try (Connection conn = connect(primary.postgresPort()); Statement sql = conn.createStatement();
             // The insert position, not the write position: with asynchronous commit (as the embedded server
             // runs) a commit record may still sit in the WAL buffers, past what has been written out.
             var lsn = sql.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            lsn.next();
            target = lsn.getString(1);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection conn = connect(port); var check = conn.prepareStatement(
                    "SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
                check.setString(1, target);
                try (var done = check.executeQuery()) {
                    if (done.next() && done.getBoolean(1)) {
                        return;
                    }
                }
            } catch (SQLException starting) {
                // not accepting connections yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replica did not catch up; see its log beside " + data);
    }

    @Override
    public void close() {
        stop();
        try (Connection conn = connect(primary.postgresPort()); Statement sql = conn.createStatement()) {
            sql.execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
        } catch (SQLException primaryGone) {
            // the primary is stopped with everything else
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
    }

    /** The data directory without what belongs to the running primary (its pid, WAL, slots, temp files). */
    private static void copy(Path from, Path to) throws IOException {
        Set<String> emptied = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
                "pg_serial", "pg_snapshots", "pg_subtrans");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                String top = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                String name = source.getFileName().toString();
                if (name.equals("postmaster.pid") || name.equals("postmaster.opts") || name.equals("backup_label")
                        || (emptied.contains(top) && relative.getNameCount() > 1 && !relative.toString().equals("pg_wal/archive_status"))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    try {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                    } catch (java.nio.file.NoSuchFileException vanished) {
                        // a temporary file the primary removed while we copied
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
