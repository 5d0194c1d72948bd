package vn.bordergate.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for dev mode and the tests, as the embedded PostgreSQL and Redis: Keycloak's own Quarkus
 * distribution from Maven Central (the build copies the zip to {@code ~/.cache/bordergate}), unpacked once there and started in development mode on a free port with an in-memory database, so
 * every start imports the demo realm ({@code deploy/keycloak/bordergate-realm.json}) afresh: its roles, the
 * console's client, a firm's client-credentials client and demo officers.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

    static final String VERSION = "26.7.3";
    static final String REALM = "bordergate";
    /** The console client's secret in the demo realm: local and test only, like the demo key pair. */
    public static final String CONSOLE_SECRET = "demo-console-secret";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;

    private EmbeddedKeycloak(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Keycloak with the demo realm and waits until the realm's discovery document answers. */
    public static EmbeddedKeycloak start(Path realmFile, Path logFile) {
        try {
            Path home = home();
            Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, home.resolve("data/import/" + REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            int managementPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + managementPort, "--import-realm", "--db=dev-mem"))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            EmbeddedKeycloak keycloak = new EmbeddedKeycloak(builder.start(), port);
            keycloak.awaitRealm();
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Keycloak", e);
        }
    }

    /** The realm's address: the issuer of its tokens, and where its OpenID metadata lives. */
    public String realmUrl() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    /** The Quarkus properties that make the service trust this Keycloak and sign officers in at it. */
    public Map<String, String> quarkusProperties() {
        return Map.of(
                "bordergate.identity-provider.url", realmUrl(),
                "quarkus.oidc.console.tenant-enabled", "true",
                "quarkus.oidc.console.credentials.secret", CONSOLE_SECRET);
    }

    /** An access token of the realm for one of its clients, by the client-credentials grant (as a firm's system gets one). */
    public String clientCredentials(String clientId, String secret) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
        }
        return new io.vertx.core.json.JsonObject(answer.body()).getString("access_token");
    }

    private void awaitRealm() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue() + ")");
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve its realm within " + START_TIMEOUT);
    }

    /**
     * The unpacked server, unpacked on first use from the zip the build copied beside it. Kept between runs: Keycloak's first start also builds itself there (about 30 s more).
     */
    static Path home() throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "bordergate");
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = cache.resolve("keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Keycloak distribution at " + zip
                    + ": build once with ./mvnw, which copies org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip there");
        }
        Path unpacking = Files.createTempDirectory(Files.createDirectories(cache), "keycloak-unpacking");
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = unpacking.resolve(entry.getName()).normalize();
                if (!target.startsWith(unpacking)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(entries, target);
                }
            }
        }
        Path unpacked = unpacking.resolve("keycloak-" + VERSION);
        for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
            unpacked.resolve("bin").resolve(script).toFile().setExecutable(true);
        }
        // Moved into place whole, so a run interrupted while unpacking never leaves half a server behind.
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherRunWasFirst) {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw anotherRunWasFirst;
            }
        }
        // Empty now (the zip holds the one folder), unless another run was first: then its copy stays behind.
        if (!Files.exists(unpacked)) {
            Files.deleteIfExists(unpacking);
        }
        return home;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        // kc.sh runs Keycloak's JVM as its child: stop both.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
