package vn.bordergate.support;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import vn.bordergate.local.EmbeddedInfrastructure;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The packaged service (prod profile) as an operator runs it: real PostgreSQL and Redis processes that a
 * test may stop, restart from a snapshot or kill, and any number of instances sharing them. Used by the
 * failsafe ITs; {@code -Dbordergate.it.app=…/quarkus-app} points them at another build (e.g. an older one).
 * Instances run on the JDK these tests run on, with the build's Leyden AOT cache ({@code app.aot} beside
 * {@code quarkus-run.jar}, recorded by {@code AotTrainingIT}) when it has one, as production runs them.
 */
public final class PackagedService implements AutoCloseable {

    public static final String ISSUER = "https://idp.packaged-service.test";
    public static final String AUDIENCE = "border-gate-api";
    /** Instead of an instance's index: the load balancer in front of them all ({@link #behind}). */
    public static final int BALANCER = -1;
    /**
     * The java of the JDK these tests run on (failsafe's, from JAVA_HOME), not the first one on PATH: the service
     * is compiled for Java 25, and an AOT cache is valid only for the JDK that recorded it.
     */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /**
     * The JVM options of every instance, training included (a cache is recorded for the options it runs with):
     * a 256 MB heap, as several instances share the machine in some ITs. {@code -Dbordergate.it.jvm-options="…"}
     * replaces them, e.g. with the container image's.
     */
    public static final List<String> JVM_OPTIONS =
            List.of(System.getProperty("bordergate.it.jvm-options", "-Xmx256m").trim().split("\\s+"));
    // Production refuses the published demo key, so the packaged service trusts a key pair made for this run.
    private static final KeyPair KEYS = newKeyPair();

    private final EmbeddedInfrastructure infrastructure;
    private final Map<String, String> extraEnvironment;
    private final List<Process> instances = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> managementPorts = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int balancerPort = -1;

    private PackagedService(EmbeddedInfrastructure infrastructure, Map<String, String> extraEnvironment) {
        this.infrastructure = infrastructure;
        this.extraEnvironment = extraEnvironment;
    }

    /** Starts PostgreSQL, Redis and {@code count} instances, and waits until each is ready. */
    public static PackagedService start(int count, Map<String, String> environment) throws Exception {
        PackagedService service = new PackagedService(EmbeddedInfrastructure.start(null), environment);
        for (int i = 0; i < count; i++) {
            service.startInstance();
        }
        for (int i = 0; i < count; i++) {
            service.awaitReady(i);
        }
        return service;
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    public RedisProbe redis() {
        return new RedisProbe(infrastructure.redisUri());
    }

    public int port(int instance) {
        return instance == BALANCER ? balancerPort : ports.get(instance);
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public List<Integer> managementPorts() {
        return List.copyOf(managementPorts);
    }

    /** Requests sent to {@link #BALANCER} go to this load balancer from now on. */
    public void behind(LoadBalancer balancer) {
        balancerPort = balancer.port();
    }

    /**
     * The sum of a metric's series on one instance's Prometheus endpoint ({@code bordergate_ledger_rebuilds_total}),
     * 0 when the instance has none.
     */
    public double metric(int instance, String name) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : operations(instance, "/q/metrics").body().split("\n")) {
            if (MetricLines.isSampleOf(line, name)) {
                sum += MetricLines.value(line);
            }
        }
        return sum;
    }

    /** Starts one more instance and returns its index (not yet awaited). */
    public int startInstance() throws IOException {
        return startInstance(Map.of());
    }

    /**
     * Starts one more instance with some environment variables changed ({@code null} removes one), and
     * returns its index; its log is {@link #log(int)}. It runs with the build's AOT cache when there is one.
     */
    public int startInstance(Map<String, String> overrides) throws IOException {
        return startInstance(overrides, aotCacheOptions());
    }

    /**
     * The same with the cache options replaced by {@code jvmOptions} (none: no cache; {@code -XX:AOTCacheOutput=…}:
     * a training run). {@code QUARKUS_HTTP_PORT} and {@code QUARKUS_MANAGEMENT_PORT} among the overrides choose
     * the ports, otherwise free ones are taken.
     */
    public int startInstance(Map<String, String> overrides, List<String> jvmOptions) throws IOException {
        int index = instances.size();
        Map<String, String> env = new HashMap<>();
        infrastructure.quarkusProperties().forEach((key, value) -> env.put(environmentName(key), value));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("BORDERGATE_JWT_PUBLIC_KEY_LOCATION", publicKeyFile().toString());
        env.put("BORDERGATE_JWT_ISSUER", ISSUER);
        env.put("BORDERGATE_JWT_AUDIENCE", AUDIENCE);
        env.put("BORDERGATE_YARD_QR_SECRET", "packaged-service-test-secret-of-more-than-32-bytes");
        env.putAll(extraEnvironment);
        overrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(app().resolve("quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(index).toFile());
        builder.environment().putAll(env);
        instances.add(builder.start());
        ports.add(Integer.parseInt(env.get("QUARKUS_HTTP_PORT")));
        managementPorts.add(Integer.parseInt(env.get("QUARKUS_MANAGEMENT_PORT")));
        return index;
    }

    /** The packaged application under test: {@code target/quarkus-app}, or {@code -Dbordergate.it.app}. */
    public static Path app() {
        return Path.of(System.getProperty("bordergate.it.app", "target/quarkus-app"));
    }

    /** Where the build keeps its AOT cache: beside {@code quarkus-run.jar}, as the README runs it. */
    public static Path aotCache() {
        return app().resolve("app.aot");
    }

    /**
     * With a cache: use it, and refuse to start without it ({@code -XX:AOTMode=on}), so a cache this JDK cannot
     * map fails the ITs instead of slowing every start in silence. Without one (a build not trained yet, or an
     * older build under {@code -Dbordergate.it.app}): nothing.
     */
    public static List<String> aotCacheOptions() {
        Path cache = aotCache();
        return Files.isRegularFile(cache)
                ? List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on")
                : List.of();
    }

    /** Where an instance writes its output. */
    public Path log(int instance) {
        return Path.of("target", "packaged-service-" + ProcessHandle.current().pid() + "-instance-" + instance + ".log");
    }

    public Process process(int instance) {
        return instances.get(instance);
    }

    /** Kills an instance at once ({@code kill -9}): no shutdown hooks, nothing given back. */
    public void kill(int instance) throws InterruptedException {
        Process process = instances.get(instance);
        process.destroyForcibly();
        process.waitFor();
    }

    public void awaitReady(int instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (operations(instance, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance " + instance + " did not become ready; see target/*-instance-*.log");
    }

    /** Declares one truck through {@code instance}, with a client that gives up after {@code timeout}. */
    public HttpResponse<String> declare(int instance, String token, Map<String, Object> body, String idempotencyKey,
                                        Duration timeout) throws IOException, InterruptedException {
        return send(instance, HttpRequest.newBuilder().timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject(body).encode()))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + token), "/api/v1/declarations");
    }

    public HttpResponse<String> declare(int instance, String token, Map<String, Object> body)
            throws IOException, InterruptedException {
        return declare(instance, token, body, UUID.randomUUID().toString(), Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(int instance, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(instance, request, path);
    }

    /** An operations endpoint ({@code /q/...}), served on the instance's management port. */
    public HttpResponse<String> operations(int instance, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).GET()
                .uri(URI.create("http://localhost:" + managementPorts.get(instance) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(int instance, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(instance, HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token), path);
    }

    public HttpResponse<String> put(int instance, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(instance, HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token), path);
    }

    private HttpResponse<String> send(int instance, HttpRequest.Builder request, String path)
            throws IOException, InterruptedException {
        return http.send(request.uri(URI.create("http://localhost:" + port(instance) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The places used in one slot as PostgreSQL counts them: statuses that hold a place. */
    public long activeRows(String gate, String direction, java.time.OffsetDateTime slot) throws Exception {
        return queryLong("SELECT count(*) FROM declarations WHERE gate_code = ? AND direction = ? AND slot_start = ? "
                + "AND status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED')", gate, direction, slot);
    }

    public long queryLong(String sql, Object... params) throws Exception {
        try (var conn = database();
             var statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Runs one statement, as an operator at psql would (e.g. to let a day pass); answers the rows changed. */
    public int execute(String sql, Object... params) throws Exception {
        try (var conn = database(); var statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** The rows of a query, each as its columns' values in order. */
    public List<List<Object>> rows(String sql, Object... params) throws Exception {
        try (var conn = database(); var statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + infrastructure.postgresPort()
                + "/postgres", "postgres", "postgres");
    }

    /** A token of the identity provider these instances trust, for this service's audience. */
    public static String token(String subject, Map<String, Object> claims) {
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(3600);
        claims.forEach(builder::claim);
        return builder.sign(KEYS.getPrivate());
    }

    /** The same, for another application of the same identity provider: this service must refuse it. */
    public static String tokenForAnotherAudience(String subject, Map<String, Object> claims) {
        var builder = Jwt.issuer(ISSUER).audience("another-application").subject(subject).expiresIn(3600);
        claims.forEach(builder::claim);
        return builder.sign(KEYS.getPrivate());
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() throws IOException {
        Path file = Path.of("target", "packaged-service-public-key.pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file.toAbsolutePath();
    }

    public static String firm(String taxCode) {
        return token("firm-" + taxCode, Map.of("groups", Set.of("enterprise"), "tax_code", taxCode));
    }

    public static String supervisor(String gate) {
        return token("supervisor-" + gate, Map.of("groups", Set.of("gate-supervisor"), "gates", List.of(gate)));
    }

    @Override
    public void close() {
        instances.forEach(Process::destroy);
        for (Process process : instances) {
            try {
                process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        infrastructure.close();
    }

    private static String environmentName(String property) {
        return property.toUpperCase().replaceAll("[.\\-]", "_");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
