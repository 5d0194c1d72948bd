package vn.bordergate.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real PostgreSQL and Redis servers from Maven Central binaries, for tests and for a laptop run without
 * Docker. Never part of the production artifact (see the {@code local} Maven profile).
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int redisPort;
    private RedisServer redis;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, RedisServer redis, int redisPort) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
    }

    /**
     * Starts both servers. With a data directory PostgreSQL keeps its data between runs; without one it
     * starts empty. Redis never persists: the service rebuilds its state from PostgreSQL.
     */
    public static EmbeddedInfrastructure start(Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("unix_socket_directories", System.getProperty("java.io.tmpdir"));
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            int redisPort = freePort();
            RedisServer redis = redisServer(redisPort);
            redis.start();
            return new EmbeddedInfrastructure(postgres, redis, redisPort);
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

    @Override
    public void close() {
        try {
            redis.stop();
        } finally {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops Redis, as an outage would; {@link #startRedis()} brings back an empty one on the same port. */
    public synchronized void stopRedis() {
        redis.stop();
    }

    public synchronized void startRedis() {
        redis = redisServer(redisPort);
        redis.start();
    }

    private static RedisServer redisServer(int port) {
        return RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
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
