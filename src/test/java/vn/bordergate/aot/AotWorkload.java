package vn.bordergate.aot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training workload of the Leyden AOT cache: a booking day's traffic sent to one instance through its API.
 * Many firms book a few thousand trucks at once on five gates over the next three days (some slots fill up, and
 * their refusals are part of the day), with gate, slot and board reads, read-backs, listings, idempotent retries,
 * amendments, cancellations and invalid bodies around them.
 *
 * <p>JDK only (no library), so the same workload trains the cache in the build ({@code AotTrainingIT}, on the
 * JDK the tests run on) and inside a container image build, on the image's own JVM ({@link #main}; see
 * src/main/docker/Dockerfile.jvm): a cache is valid only for the JVM that recorded it.
 */
public final class AotWorkload {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final List<String> GATES = List.of("HUU_NGHI", "TAN_THANH", "MONG_CAI", "KIM_THANH", "CHI_MA");
    static final int FIRMS = 24;
    static final int CLIENTS = 16;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final URI api;
    private final Function<String, String> firmToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int firstTruck = ThreadLocalRandom.current().nextInt(10_000, 50_000);
    private final Counts counts = new Counts();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** @param firmToken a bearer token of the enterprise role for a tax code, from an issuer the instance trusts */
    public AotWorkload(URI api, Function<String, String> firmToken) {
        this.api = api;
        this.firmToken = firmToken;
    }

    /** What the workload got back. */
    public record Counts(AtomicInteger booked, AtomicInteger full, AtomicInteger refused, AtomicInteger amended,
                         AtomicInteger cancelled, AtomicInteger reads, AtomicInteger unexpected, Set<String> samples) {

        Counts() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
                    new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        }

        void unexpected(String what, HttpResponse<String> response) {
            unexpected.incrementAndGet();
            if (samples.size() < 5) {
                samples.add(what + " " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(200, response.body().length())));
            }
        }

        @Override
        public String toString() {
            return "booked=" + booked + " slot-full=" + full + " other-refusals=" + refused + " amended=" + amended
                    + " cancelled=" + cancelled + " reads=" + reads + " unexpected=" + unexpected
                    + (samples.isEmpty() ? "" : " " + samples);
        }
    }

    /** Sends {@code bookings} bookings and what goes around them over {@link #CLIENTS} connections at once. */
    public Counts run(int bookings) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < bookings; n = next.getAndIncrement()) {
                        step(n);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return counts;
    }

    private void step(int n) throws Exception {
        String firm = tokens.computeIfAbsent(String.format("09%08d", n % FIRMS), firmToken);
        String gate = GATES.get(n % GATES.size());
        String direction = (n / GATES.size()) % 2 == 0 ? "EXPORT" : "IMPORT";
        OffsetDateTime slot = LocalDate.now(VIETNAM).plusDays(1 + (n / 7) % 3)
                .atTime(LocalTime.of(8 + (n / 3) % 9, 0)).atZone(VIETNAM).toOffsetDateTime();
        if (n % 50 == 0) {
            read("gates", send(get("/api/v1/gates", null)));
            read("slots", send(get("/api/v1/gates/" + gate + "/slots?direction=" + direction + "&date="
                    + slot.toLocalDate(), null)));
            read("board", send(get("/api/v1/gates/" + gate + "/board", null)));
            read("listing", send(get("/api/v1/declarations?limit=20", firm)));
        }
        String body = declaration(gate, direction, slot, plate(n));
        if (n % 97 == 0) {
            HttpResponse<String> refused = send(post("/api/v1/declarations", firm, body.replace("\"driver\"", "\"drivr\""))
                    .header("Idempotency-Key", UUID.randomUUID().toString()));
            if (refused.statusCode() == 400) {
                counts.refused.incrementAndGet();
            } else {
                counts.unexpected("invalid-body", refused);
            }
        }
        String key = UUID.randomUUID().toString();
        HttpResponse<String> booked = send(post("/api/v1/declarations", firm, body).header("Idempotency-Key", key));
        switch (booked.statusCode()) {
            case 201 -> counts.booked.incrementAndGet();
            case 409 -> {
                counts.full.incrementAndGet();
                return;
            }
            case 429 -> {
                counts.refused.incrementAndGet();
                return;
            }
            default -> {
                counts.unexpected("book", booked);
                return;
            }
        }
        Matcher id = ID.matcher(booked.body());
        if (!id.find()) {
            counts.unexpected("book-without-id", booked);
            return;
        }
        String path = "/api/v1/declarations/" + id.group(1);
        String etag = booked.headers().firstValue("ETag").orElse(null);
        if (n % 10 == 0) {
            read("by-id", send(get(path, firm)));
            HttpResponse<String> again = send(post("/api/v1/declarations", firm, body).header("Idempotency-Key", key));
            if (again.statusCode() >= 300) {
                counts.unexpected("idempotent-retry", again);
            }
        }
        if (n % 25 == 0 && etag != null) {
            HttpResponse<String> amended = send(request(path, firm).header("If-Match", etag)
                    .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "{\"slotStart\":\"" + iso(slot.plusHours(1)) + "\"}")));
            if (amended.statusCode() == 200) {
                counts.amended.incrementAndGet();
                etag = amended.headers().firstValue("ETag").orElse(null);
            } else if (amended.statusCode() == 409) {
                counts.full.incrementAndGet();
            } else {
                counts.unexpected("amend", amended);
            }
        }
        if (n % 40 == 0 && etag != null) {
            HttpResponse<String> cancelled = send(post(path + "/cancel", firm,
                    "{\"reason\":\"Xe hỏng / truck broke down\"}").header("If-Match", etag));
            if (cancelled.statusCode() == 200) {
                counts.cancelled.incrementAndGet();
            } else {
                counts.unexpected("cancel", cancelled);
            }
        }
    }

    private void read(String what, HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            counts.reads.incrementAndGet();
        } else {
            counts.unexpected(what, response);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder get(String path, String token) {
        return request(path, token).GET();
    }

    private HttpRequest.Builder post(String path, String token, String json) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Vietnamese plate no other booking of this run has, such as {@code 29C-123.45}. */
    private String plate(int n) {
        int truck = firstTruck + n;
        int digits = truck % 100_000;
        return String.format("%02dC-%03d.%02d", 11 + (truck / 100_000) % 89, digits / 100, digits % 100);
    }

    static String iso(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
    }

    static String declaration(String gate, String direction, OffsetDateTime slot, String plate) {
        return """
                {"gateCode":"%s","direction":"%s","slotStart":"%s",
                 "vehicle":{"plate":"%s","trailerPlate":"12R-012.34","country":"VN"},
                 "driver":{"fullName":"Nguyễn Văn Ánh","idNumber":"001099012345","phone":"0912345678"},
                 "cargo":{"category":"FRESH_FRUIT","description":"Thanh long ruột đỏ","hsCode":"081090",
                          "grossWeightKg":18500,"containerNumbers":["MSKU9070323"],
                          "customsDeclarationNumbers":["305123456789"]}}
                """.formatted(gate, direction, iso(slot), plate);
    }

    // ---- A whole training run on its own: for a container image build -----------------------------------------

    /**
     * Records a cache with the JVM running this: starts {@code <app>/quarkus-run.jar} with
     * {@code -XX:AOTCacheOutput}, sends it the workload, stops it with SIGTERM and moves the cache to
     * {@code <app>/app.aot}. Arguments: the application directory and the number of bookings (3000). The
     * environment gives the database and Redis ({@code QUARKUS_DATASOURCE_*}, {@code QUARKUS_REDIS_HOSTS}, passed
     * on to the service) and {@code JAVA_OPTS}, the JVM options the service will run with. The service trusts a key
     * pair made here for this run only, and gets a throw-away QR secret.
     */
    public static void main(String[] args) throws Exception {
        Path app = Path.of(args.length > 0 ? args[0] : "target/quarkus-app").toAbsolutePath();
        int bookings = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path recording = app.resolve("app.aot.recording");
        Files.deleteIfExists(recording);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path publicKey = Files.createTempFile("aot-training-key", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        String issuer = "https://aot-training.invalid";
        String audience = "border-gate-api";
        int port = freePort();
        int managementPort = freePort();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = System.getenv().getOrDefault("JAVA_OPTS", "").trim();
        if (!javaOpts.isEmpty()) {
            command.addAll(List.of(javaOpts.split("\\s+")));
        }
        command.addAll(List.of("-XX:AOTCacheOutput=" + recording, "-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile()).inheritIO();
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1", "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort),
                "BORDERGATE_JWT_PUBLIC_KEY_LOCATION", publicKey.toString(),
                "BORDERGATE_JWT_ISSUER", issuer, "BORDERGATE_JWT_AUDIENCE", audience,
                "BORDERGATE_YARD_QR_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID()));
        System.out.println("aot-training: " + String.join(" ", command));
        Process service = builder.start();
        try {
            awaitReady(service, managementPort);
            Counts counts = new AotWorkload(URI.create("http://127.0.0.1:" + port),
                    taxCode -> firmToken(keys, issuer, audience, taxCode)).run(bookings);
            System.out.println("aot-training: " + counts);
            if (counts.booked().get() < bookings / 2 || counts.unexpected().get() > 0) {
                throw new IllegalStateException("the training workload did not go through: " + counts);
            }
            service.destroy();
            if (!service.waitFor(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the service did not exit within 5 minutes of SIGTERM");
            }
        } finally {
            service.destroyForcibly();
            Files.deleteIfExists(publicKey);
        }
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            throw new IllegalStateException("no AOT cache was written at " + recording);
        }
        Files.move(recording, app.resolve("app.aot"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("aot-training: " + app.resolve("app.aot") + " (" + Files.size(app.resolve("app.aot"))
                / (1024 * 1024) + " MiB) recorded by " + System.getProperty("java.vm.version"));
    }

    private static void awaitReady(Process service, int managementPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + " before it was ready");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready within 3 minutes");
    }

    /** An RS256 token of the enterprise role for one firm, valid for an hour. */
    static String firmToken(KeyPair keys, String issuer, String audience, String taxCode) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = ("{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"firm-%s\",\"groups\":[\"enterprise\"],"
                + "\"tax_code\":\"%s\",\"iat\":%d,\"exp\":%d}").formatted(issuer, audience, taxCode, taxCode, now, now + 3600);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
