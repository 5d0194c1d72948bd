package vn.bordergate.live;

import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.local.EmbeddedInfrastructure;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.SseClient;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Two instances of the packaged service (prod profile) share one PostgreSQL and one Redis: a change made
 * through one instance reaches a client following the declaration on the other.
 */
class TwoInstancesIT {

    static final String ISSUER = "https://bordergate.local/demo";
    static EmbeddedInfrastructure infrastructure;
    static final List<Process> instances = new ArrayList<>();
    static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        infrastructure = EmbeddedInfrastructure.start(null);
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            infrastructure.quarkusProperties().forEach((key, value) ->
                    env.put(key.toUpperCase().replaceAll("[.\\-]", "_"), value));
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("BORDERGATE_JWT_PUBLIC_KEY_LOCATION", new File("src/main/resources/demo-keys/public-key.pem").getAbsolutePath());
            env.put("BORDERGATE_JWT_ISSUER", ISSUER);
            env.put("BORDERGATE_YARD_QR_SECRET", "two-instances-test-secret");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/instance-" + i + ".log"));
            builder.environment().putAll(env);
            instances.add(builder.start());
            ports.add(port);
        }
        for (int port : ports) {
            awaitReady(port);
        }
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(Process::destroy);
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void aChangeOnOneInstanceReachesAFollowerOnTheOther() throws Exception {
        String firm = token(Map.of("groups", Set.of("enterprise"), "tax_code", "0100109106"));
        Map<String, Object> body = Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(1, 15));
        HttpResponse<String> created = http(ports.get(0), HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject(body).encode()))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + firm), "/api/v1/declarations");
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("id");

        RestAssured.baseURI = "http://localhost";
        RestAssured.port = ports.get(1);
        try (SseClient follower = SseClient.open("/api/v1/declarations/" + id + "/stream",
                Map.of("Authorization", "Bearer " + firm))) {
            assertEquals(200, follower.status());
            assertEquals("BOOKED", new JsonObject(follower.next(Duration.ofSeconds(10)).data()).getString("status"));

            HttpResponse<String> cancelled = http(ports.get(0), HttpRequest.newBuilder()
                    .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + firm),
                    "/api/v1/declarations/" + id + "/cancel");
            assertEquals(200, cancelled.statusCode(), cancelled.body());

            SseClient.Event live = follower.next(Duration.ofSeconds(10));
            assertNotNull(live, "the cancellation made on instance 1 reaches the follower on instance 2");
            assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
        }
    }

    static String token(Map<String, Object> claims) throws Exception {
        String pem = Files.readString(Path.of("src/main/resources/demo-keys/private-key.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        var builder = Jwt.issuer(ISSUER).subject("two-instances-test").expiresIn(600);
        claims.forEach(builder::claim);
        return builder.sign(key);
    }

    static HttpResponse<String> http(int port, HttpRequest.Builder request, String path) throws Exception {
        return HttpClient.newHttpClient().send(request.uri(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http(port, HttpRequest.newBuilder().GET(), "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("instance on port " + port + " did not become ready; see target/instance-*.log");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
