package vn.bordergate.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real PostgreSQL and Redis servers from Maven Central binaries, for tests and for a laptop run without
 * Docker. Never part of the production artifact (see the {@code local} Maven profile).
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path postgresData;
    private final Path postgresLog;
    private final int redisPort;
    private final Path redisData;
    private RedisServer redis;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, Path postgresData, Path postgresLog, RedisServer redis,
                                   int redisPort, Path redisData) {
        this.postgres = postgres;
        this.postgresData = postgresData;
        this.postgresLog = postgresLog;
        this.redis = redis;
        this.redisPort = redisPort;
        this.redisData = redisData;
    }

    /**
     * Starts both servers. With a data directory PostgreSQL keeps its data between runs; without one it
     * starts empty. Redis never persists: the service rebuilds its state from PostgreSQL.
     */
    public static EmbeddedInfrastructure start(Path dataDirectory) {
        return start(dataDirectory, false);
    }

    /**
     * As {@link #start(Path)}; with {@code planLog} (the tests' servers), PostgreSQL also loads
     * {@code auto_explain} in every session, silent until {@code auto_explain.log_min_duration} is set to 0 or
     * more (e.g. with ALTER SYSTEM and a reload), and writes its log as JSON lines, one entry a line, to the
     * file {@link #postgresLog()} names instead of the console. Plans are logged as JSON, nested statements
     * (triggers, functions) too.
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, boolean planLog) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("unix_socket_directories", System.getProperty("java.io.tmpdir"));
            Path postgresData = dataDirectory;
            if (postgresData == null) {
                // A known folder (cleaned on close) lets fault tests stop and restart this PostgreSQL.
                postgresData = Files.createTempDirectory("bordergate-pg");
                builder.setDataDirectory(postgresData).setCleanDataDirectory(true);
            } else {
                Files.createDirectories(postgresData);
                builder.setDataDirectory(postgresData).setCleanDataDirectory(false);
            }
            Path postgresLog = null;
            if (planLog) {
                // Outside the data directory: a replica copied from it must not carry (or share) this log.
                Path logDirectory = Files.createTempDirectory("bordergate-pg-log");
                // auto_explain.log_min_duration is left at its default, -1 (off): a command-line value would win
                // over ALTER SYSTEM, which is how a test switches it on for every session.
                builder.setServerConfig("session_preload_libraries", "auto_explain")
                        .setServerConfig("auto_explain.log_nested_statements", "on")
                        .setServerConfig("auto_explain.log_format", "json")
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_destination", "jsonlog")
                        .setServerConfig("log_directory", logDirectory.toString())
                        // A jsonlog file takes the name with .log replaced by .json.
                        .setServerConfig("log_filename", "postgresql.log")
                        .setServerConfig("log_rotation_age", "0")
                        .setServerConfig("log_rotation_size", "0");
                postgresLog = logDirectory.resolve("postgresql.json");
            }
            EmbeddedPostgres postgres = builder.start();
            int redisPort = freePort();
            Path redisData = Files.createTempDirectory("bordergate-redis");
            RedisServer redis = redisServer(redisPort, redisData);
            redis.start();
            return new EmbeddedInfrastructure(postgres, postgresData, postgresLog, redis, redisPort, redisData);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL/Redis", e);
        }
    }

    /** The Quarkus properties that point the service at these servers. */
    public Map<String, String> quarkusProperties() {
        String hostPort = "localhost:" + postgres.getPort() + "/postgres";
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.redis.hosts", redisUri());
    }

    public String redisUri() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    /**
     * The PostgreSQL log file (JSON lines, see {@link #start(Path, boolean)}) when started with the plan
     * log; empty otherwise (the log then goes to the console).
     */
    public Optional<Path> postgresLog() {
        return Optional.ofNullable(postgresLog);
    }

    @Override
    public void close() {
        try {
            redis.stop();
        } finally {
            try {
                postgres.close();
                if (postgresLog != null) {
                    Files.deleteIfExists(postgresLog);
                    Files.deleteIfExists(postgresLog.resolveSibling("postgresql.log"));
                    Files.deleteIfExists(postgresLog.getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops Redis, as an outage would; {@link #startRedis()} brings it back on the same port, empty unless a
     * snapshot was put back with {@link #restoreRedisSnapshot(Path)}.
     */
    public synchronized void stopRedis() {
        redis.stop();
    }

    public synchronized void startRedis() {
        redis = redisServer(redisPort, redisData);
        redis.start();
    }

    /**
     * Where Redis writes its RDB file ({@code dump.rdb}) when told to {@code BGSAVE}. Redis never saves by
     * itself here (no save points, no AOF), so a restart is empty unless a test puts a snapshot back.
     */
    public Path redisDataDirectory() {
        return redisData;
    }

    /** Puts an RDB snapshot in place, so the next {@link #startRedis()} loads that older state. */
    public synchronized void restoreRedisSnapshot(Path snapshot) {
        try {
            Files.copy(snapshot, redisData.resolve("dump.rdb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where PostgreSQL keeps its data (a streaming replica is copied from it). */
    public Path postgresDataDirectory() {
        return postgresData;
    }

    /**
     * Runs {@code pg_ctl} of these PostgreSQL binaries on any data directory (e.g. a replica's), with the
     * options this server was started with and the port changed to {@code port}.
     */
    public synchronized void pgCtlOn(Path dataDirectory, int port, String... arguments) {
        List<String> options = postmasterOptions();
        int at = options.indexOf("-p");
        if (at >= 0) {
            options.set(at + 1, Integer.toString(port));
        } else {
            options.addAll(List.of("-p", Integer.toString(port)));
        }
        List<String> all = new ArrayList<>(List.of(arguments));
        if (all.contains("start")) {
            all.addAll(List.of("-l", dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log").toString(),
                    "-o", String.join(" ", options)));
        }
        pgCtl(dataDirectory, all.toArray(String[]::new));
    }

    /** Stops PostgreSQL (fast shutdown: sessions are ended, as in a restart for a minor upgrade). */
    public synchronized void stopPostgres() {
        pgCtl("stop", "-m", "fast", "-w");
    }

    /** Starts PostgreSQL again on the same data, port and settings. */
    public synchronized void startPostgres() {
        pgCtl("start", "-w", "-l", postgresData.resolveSibling(postgresData.getFileName() + ".log").toString(),
                "-o", String.join(" ", postmasterOptions()));
    }

    private void pgCtl(String... arguments) {
        pgCtl(postgresData, arguments);
    }

    private void pgCtl(Path dataDirectory, String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; the embedded binaries run in a user namespace (as zonky does).
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postmasterBinary().resolveSibling("pg_ctl").toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments[0] + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** postmaster.opts holds the binary, then each option it was first started with in double quotes. */
    private List<String> postmasterLine() {
        try {
            String line = Files.readString(postgresData.resolve("postmaster.opts")).trim();
            List<String> parts = new ArrayList<>(List.of(line.substring(0, line.indexOf(' '))));
            java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(line);
            while (quoted.find()) {
                parts.add(quoted.group(1));
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path postmasterBinary() {
        return Path.of(postmasterLine().get(0));
    }

    private List<String> postmasterOptions() {
        List<String> options = new ArrayList<>(postmasterLine().subList(1, postmasterLine().size()));
        int data = options.indexOf("-D");
        if (data >= 0) {
            options.remove(data + 1);
            options.remove(data);
        }
        return options;
    }

    private static RedisServer redisServer(int port, Path dataDirectory) {
        return RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dataDirectory)
                .setting("maxclients 4000")
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
