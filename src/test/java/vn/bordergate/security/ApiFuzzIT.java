package vn.bordergate.security;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Property-based fuzzing driven by the served OpenAPI document, against the packaged service in prod mode:
 * for every operation, jqwik generates path and query values, headers, tokens of every role and bodies
 * from the operation's schemas (valid, mutated and hostile: wrong types, huge or empty strings, NUL,
 * unknown fields, deep nesting). Every answer must be below 500 and match the documented status codes,
 * content types and schemas. jqwik prints the seed of each run; a failure is replayed with that seed.
 */
class ApiFuzzIT {

    static final int TRIES = 2000;
    static PackagedService service;
    static OpenApiInteractionValidator validator;
    static List<Operation> operations;
    static JsonObject components;
    static List<String> knownIds = new ArrayList<>();
    static final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    // HTTP/1.1, as firms' ERP systems and the load tests talk to the service.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Operation(String method, String path, JsonObject definition) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    record FuzzRequest(Operation operation, String path, String query, String token, Map<String, String> headers,
                       String body) {
        @Override
        public String toString() {
            return operation.method().toUpperCase() + " " + path + query + " headers=" + headers.keySet()
                    + " token=" + (token == null ? "none" : token.substring(0, Math.min(12, token.length())))
                    + " body=" + (body == null ? "none" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        service = PackagedService.start(1, Map.of());
        String document = service.operations(0, "/q/openapi?format=json").body();
        JsonObject spec = new JsonObject(document);
        components = spec.getJsonObject("components", new JsonObject());
        operations = new ArrayList<>();
        spec.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(method -> {
            JsonObject definition = (JsonObject) method.getValue();
            boolean stream = definition.getJsonObject("responses", new JsonObject()).encode().contains("text/event-stream");
            if (!stream) {
                operations.add(new Operation(method.getKey(), path.getKey(), definition));
            }
        }));
        // The validator reads every header value as JSON when the schema's type is an OpenAPI 3.1 list, so a
        // plain string header (Location: http://...) fails to parse; those headers are left unchecked.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(com.atlassian.oai.validator.report.LevelResolver.create()
                        .withLevel("validation.response.header.schema.invalidJson", ValidationReport.Level.IGNORE).build())
                .build();
        // Some real declarations, so that generated ids sometimes name one (and its owner's checks run).
        String firm = PackagedService.firm("0100109106");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = service.declare(0, firm, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(1, 10 + i)));
            if (created.statusCode() == 201) {
                knownIds.add(new JsonObject(created.body()).getString("id"));
            }
        }
    }

    @AfterContainer
    static void stop() {
        System.out.printf("FIGURE api-fuzz: operations=%d requests=%d answers=%s%n", operations == null ? 0 : operations.size(),
                statuses.values().stream().mapToLong(AtomicLong::get).sum(), new TreeMap<>(statuses));
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = TRIES, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void noGeneratedRequestGetsA5xxAndEveryAnswerIsDocumented(@ForAll("requests") FuzzRequest request) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port(0) + request.path() + request.query()))
                .timeout(Duration.ofSeconds(20));
        request.headers().forEach(http::header);
        if (request.token() != null) {
            http.header("Authorization", "Bearer " + request.token());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        http.method(request.operation().method().toUpperCase(), body);
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            // The server may close a connection after refusing a request (413, 431): a client sends again.
            answer = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        }
        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();

        if (answer.statusCode() >= 500) {
            throw new AssertionError("5xx for " + request + ": " + answer.statusCode() + " " + answer.body());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().map().forEach((name, values) -> values.forEach(value -> response.withHeader(name, value)));
        ValidationReport report = validator.validateResponse(request.path(),
                Request.Method.valueOf(request.operation().method().toUpperCase()), response.build());
        // A generated path or method outside the contract (an id with a slash, an empty id) is not an
        // operation at all: the right answer is 404 or 405, or a refusal of the request line itself.
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
        boolean outsideContract = !errors.isEmpty() && errors.stream().allMatch(m -> m.getKey().endsWith(".path.missing")
                || m.getKey().endsWith(".operation.notAllowed"));
        if (outsideContract) {
            if (!Set.of(400, 404, 405, 414, 431).contains(answer.statusCode())) {
                throw new AssertionError("a request outside the contract got " + answer.statusCode() + ": " + request);
            }
        } else if (!errors.isEmpty()) {
            throw new AssertionError("answer not as documented for " + request + ": " + answer.statusCode() + " "
                    + answer.body() + "\n" + errors.stream().map(m -> m.getKey() + ": " + m.getMessage()).toList());
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return Arbitraries.of(operations).flatMap(operation -> Combinators.combine(
                path(operation), query(operation), token(operation), headers(operation), body(operation))
                .as((path, query, token, headers, body) -> new FuzzRequest(operation, path, query, token, headers, body)));
    }

    private Arbitrary<String> path(Operation operation) {
        Arbitrary<String> path = Arbitraries.just(operation.path());
        for (String name : List.of("id", "code", "province", "effectiveFrom", "series", "number", "transactionId")) {
            if (operation.path().contains("{" + name + "}")) {
                Arbitrary<String> values = Arbitraries.oneOf(pathValues(name), hostileOrHuge());
                path = path.flatMap(p -> values.map(v -> p.replace("{" + name + "}", encode(v))));
            }
        }
        return path;
    }

    /** Values a client would put in a path parameter: known ones, and near misses. */
    private Arbitrary<String> pathValues(String name) {
        return switch (name) {
            case "id" -> Arbitraries.oneOf(Arbitraries.of(knownIds.isEmpty() ? List.of("x") : knownIds),
                    Arbitraries.create(() -> java.util.UUID.randomUUID().toString()));
            case "code" -> Arbitraries.of("HUU_NGHI", "TAN_THANH", "KIM_THANH", "huu_nghi");
            case "province" -> Arbitraries.of("CAO_BANG", "LANG_SON", "NO_SUCH", "cao_bang");
            case "effectiveFrom" -> Arbitraries.of("2020-01-01", "2031-01-01", "2031-02-30", "tomorrow");
            case "series" -> Arbitraries.of("BGCB26", "BGCB25", "bgcb26", "X");
            case "number" -> Arbitraries.of("1", "99999999", "0", "123456789", "-1");
            default -> Arbitraries.of("FT26341987654321", "", "x".repeat(70));
        };
    }

    private Arbitrary<String> query(Operation operation) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (Object item : operation.definition().getJsonArray("parameters", new JsonArray())) {
            JsonObject parameter = resolve((JsonObject) item);
            if ("query".equals(parameter.getString("in"))) {
                String name = parameter.getString("name");
                parts.add(Arbitraries.oneOf(Arbitraries.just(""),
                        value(parameter.getJsonObject("schema", new JsonObject()), 0).map(v -> name + "=" + encode(String.valueOf(v))),
                        value(parameter.getJsonObject("schema", new JsonObject()), 0).map(v -> name + "=" + encode(String.valueOf(v))),
                        hostileOrHuge().map(v -> name + "=" + encode(v))));
            }
        }
        if (parts.isEmpty()) {
            return Arbitraries.just("");
        }
        return Combinators.combine(parts).as(values -> {
            String joined = String.join("&", values.stream().filter(v -> !v.isEmpty()).toList());
            return joined.isEmpty() ? "" : "?" + joined;
        });
    }

    /**
     * Mostly a token of a role the operation serves (so that requests get past authorisation and reach
     * the rules), sometimes any other one, a foreign or broken token, or none.
     */
    private Arbitrary<String> token(Operation operation) {
        String path = operation.path();
        String likely = path.contains("/audit/") ? PackagedService.token("auditor", Map.of("groups", Set.of("auditor")))
                : path.contains("/stats/") || path.endsWith("/calls") || path.endsWith("/capacity") || path.endsWith("/arrival")
                ? PackagedService.supervisor("HUU_NGHI")
                : path.endsWith("/check-ins") || path.endsWith("/yard")
                ? PackagedService.token("yard", Map.of("groups", Set.of("yard-officer"), "gates", List.of("HUU_NGHI")))
                : path.endsWith("/inspections") || path.endsWith("/exit")
                ? PackagedService.token("guard", Map.of("groups", Set.of("border-guard"), "gates", List.of("HUU_NGHI")))
                : path.contains("/unmatched-credits") || path.contains("/fee-reports") || path.endsWith("/cash") || path.endsWith("/refunds") || path.endsWith("/replacement")
                ? PackagedService.token("finance", Map.of("groups", Set.of("finance-officer"), "provinces", List.of("CAO_BANG")))
                : path.contains("/fee-schedules/")
                ? PackagedService.token("province-admin", Map.of("groups", Set.of("province-admin"), "provinces", List.of("CAO_BANG")))
                : PackagedService.firm("0100109106");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(likely)),
                net.jqwik.api.Tuple.of(2, anyToken()));
    }

    private Arbitrary<String> anyToken() {
        return Arbitraries.of(
                PackagedService.firm("0100109106"),
                PackagedService.firm("0300588569"),
                PackagedService.token("driver", Map.of("groups", Set.of("driver"), "phone", "+84912345678")),
                PackagedService.supervisor("HUU_NGHI"),
                PackagedService.token("customs", Map.of("groups", Set.of("customs"), "gates", List.of("HUU_NGHI"))),
                PackagedService.token("yard", Map.of("groups", Set.of("yard-officer"), "gates", List.of("HUU_NGHI"))),
                PackagedService.token("admin", Map.of("groups", Set.of("admin"))),
                PackagedService.token("auditor", Map.of("groups", Set.of("auditor"))),
                PackagedService.token("finance", Map.of("groups", Set.of("finance-officer"), "provinces", List.of("LANG_SON"))),
                PackagedService.tokenForAnotherAudience("firm", Map.of("groups", Set.of("enterprise"), "tax_code", "0100109106")),
                // Signed, with claims in shapes an identity provider's mapper may produce.
                PackagedService.token("yard-twice", Map.of("groups", Set.of("yard-officer"), "gates", List.of("HUU_NGHI", "HUU_NGHI"))),
                PackagedService.token("province-twice", Map.of("groups", Set.of("province-admin"), "provinces", "LANG_SON,LANG_SON")),
                PackagedService.token("yard-null", Map.of("groups", Set.of("yard-officer"),
                        "gates", jakarta.json.Json.createArrayBuilder().add("HUU_NGHI").addNull().build())),
                PackagedService.token("firm-number", Map.of("groups", Set.of("enterprise"), "tax_code", 100109106)),
                PackagedService.token("province-object", Map.of("groups", Set.of("province-admin"),
                        "provinces", Map.of("code", "LANG_SON"))),
                "not-a-token", "").map(t -> t.isEmpty() ? null : t);
    }

    private Arbitrary<Map<String, String>> headers(Operation operation) {
        Map<String, String> fixed = new LinkedHashMap<>();
        if (hasBody(operation)) {
            fixed.put("Content-Type", "application/json");
        }
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(250), Arbitraries.just(""));
        Arbitrary<String> ifMatch = Arbitraries.oneOf(Arbitraries.of("\"1\"", "1", "\"999\"", "*", "W/\"1\""),
                Arbitraries.strings().ascii().ofMaxLength(20).map(s -> s.replaceAll("[^ -~]", "")));
        return Combinators.combine(key, ifMatch, Arbitraries.of("vi", "en", "fr", "vi-VN,en;q=0.5"), Arbitraries.of(true, false))
                .as((k, m, language, send) -> {
                    Map<String, String> headers = new LinkedHashMap<>(fixed);
                    headers.put("Accept-Language", language);
                    if (send && !k.isBlank()) {
                        headers.put("Idempotency-Key", k);
                    }
                    if (send && !m.isBlank()) {
                        headers.put("If-Match", m);
                    }
                    return headers;
                });
    }

    private Arbitrary<String> body(Operation operation) {
        if (!hasBody(operation)) {
            return Arbitraries.just(null);
        }
        JsonObject schema = operation.definition().getJsonObject("requestBody").getJsonObject("content", new JsonObject())
                .stream().map(e -> ((JsonObject) e.getValue()).getJsonObject("schema")).filter(s -> s != null)
                .findFirst().orElse(new JsonObject());
        Arbitrary<String> fromSchema = value(schema, 0).map(ApiFuzzIT::json);
        Arbitrary<String> hostile = Arbitraries.of("", "{", "null", "[]", "{}", "\"text\"", "12", "{\"a\":" .repeat(60) + "1" + "}".repeat(60),
                "[" + "1,".repeat(500) + "1]", "{\"gateCode\":\"HUU_NGHI\",\"gateCode\":\"TAN_THANH\"}");
        if (operation.path().equals("/api/v1/declarations") && operation.method().equals("post")) {
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, mutatedDeclaration()), net.jqwik.api.Tuple.of(3, fromSchema),
                    net.jqwik.api.Tuple.of(1, hostile));
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, fromSchema), net.jqwik.api.Tuple.of(1, hostile));
    }

    /** A valid declaration with one field replaced by something else: reaches past the first refusal. */
    private Arbitrary<String> mutatedDeclaration() {
        List<String> fields = List.of("gateCode", "direction", "slotStart", "vehicle.plate", "vehicle.country",
                "vehicle.trailerPlate", "driver.fullName", "driver.idNumber", "driver.phone", "cargo.category",
                "cargo.description", "cargo.hsCode", "cargo.grossWeightKg", "cargo.containerNumbers",
                "cargo.customsDeclarationNumbers", "unknownField", "(none)", "(none)");
        Arbitrary<Object> replacement = Arbitraries.oneOf(hostileText().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.just(null), Arbitraries.<Object>of(List.of(), Map.of()),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b));
        return Combinators.combine(Arbitraries.of(fields), replacement, Arbitraries.integers().between(1, 3))
                .as((field, value, day) -> {
                    JsonObject declaration = new JsonObject(Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(day, 9)));
                    if (field.equals("(none)")) {
                        return declaration.encode();
                    }
                    String[] path = field.split("\\.");
                    JsonObject target = path.length == 2 ? declaration.getJsonObject(path[0]) : declaration;
                    target.put(path[path.length - 1], value);
                    return declaration.encode();
                });
    }

    /** A value for a JSON schema: mostly of the right shape, sometimes of another. */
    private Arbitrary<Object> value(JsonObject schema, int depth) {
        JsonObject s = resolve(schema);
        Arbitrary<Object> wrong = Arbitraries.oneOf(Arbitraries.<Object>just(null), Arbitraries.integers().map(i -> (Object) i),
                hostileText().map(t -> (Object) t), Arbitraries.<Object>just(List.of()));
        if (depth > 4) {
            return wrong;
        }
        if (s.containsKey("allOf")) {
            return value(s.getJsonArray("allOf").getJsonObject(0), depth + 1);
        }
        Arbitrary<Object> right;
        JsonArray enumeration = s.getJsonArray("enum");
        String type = s.getString("type", "object");
        if (enumeration != null && !enumeration.isEmpty()) {
            right = Arbitraries.of(enumeration.getList()).map(v -> (Object) v);
        } else {
            right = switch (type) {
                case "string" -> string(s);
                case "integer" -> Arbitraries.oneOf(Arbitraries.integers().between(-5, 200_000),
                        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 0)).map(i -> (Object) i);
                case "number" -> Arbitraries.doubles().between(-1e6, 1e9).map(d -> (Object) d);
                case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
                case "array" -> value(s.getJsonObject("items", new JsonObject()), depth + 1).list().ofMaxSize(4).map(l -> (Object) l);
                default -> object(s, depth);
            };
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, right), net.jqwik.api.Tuple.of(1, wrong));
    }

    private Arbitrary<Object> object(JsonObject schema, int depth) {
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        List<Arbitrary<Map.Entry<String, Object>>> fields = new ArrayList<>();
        for (String name : properties.fieldNames()) {
            Arbitrary<Object> field = value(properties.getJsonObject(name), depth + 1);
            fields.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, field.map(v -> Map.entry(name, v == null ? (Object) JsonObject.class : v))),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(Map.<String, Object>entry("", "absent")))));
        }
        if (fields.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        return Combinators.combine(fields).as(entries -> {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : entries) {
                if (!entry.getKey().isEmpty()) {
                    object.put(entry.getKey(), entry.getValue() == JsonObject.class ? null : entry.getValue());
                }
            }
            return object;
        });
    }

    private Arbitrary<Object> string(JsonObject schema) {
        String format = schema.getString("format", "");
        Arbitrary<String> right = switch (format) {
            case "date-time" -> Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(-2, 5).map(d -> Fixtures.iso(Fixtures.slot(0, 12).plusDays(d)))),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(EDGE_DATE_TIMES)));
            case "date" -> Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(-400, 400).map(d -> Fixtures.today().plusDays(d).toString())),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(EDGE_DATES)));
            case "uuid" -> Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
            default -> Arbitraries.strings().withCharRange('0', 'z').ofMinLength(0).ofMaxLength(24);
        };
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, right), net.jqwik.api.Tuple.of(1, hostileText())).map(v -> (Object) v);
    }

    /**
     * Dates and times valid in form but not in meaning: the ends of what java.time holds (whose zone
     * arithmetic overflows), decades ahead (a closure that would lock every day until then) and behind.
     */
    static final List<String> EDGE_DATE_TIMES = List.of("+999999999-12-31T23:00:00-18:00", "-999999999-01-01T00:00:00+18:00",
            "2070-01-01T10:00:00+07:00", "1995-06-01T10:00:00+07:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z");
    static final List<String> EDGE_DATES = List.of("+999999999-12-31", "-999999999-01-01", "2070-01-01", "1995-06-01",
            "9999-12-31", "0001-01-01");

        /** Text an attacker tries: empty, huge, NUL, control characters, other scripts, injection fragments. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\u0000", "a\u0000b", "'; DROP TABLE declarations; --", "../../etc/passwd",
                        "%00", "${jndi:ldap://x}", "<script>alert(1)</script>", "Nguyễn Văn Ánh", "桂A12345", "😀🚚",
                        "\uD800", "null", "-1", "1e309", "2026-02-30T25:61:00+07:00", "0000-00-00", "HUU_NGHI\r\nX: y"),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(40));
    }

    /** Hostile text, now and then very long (a request line over 4 KB is refused before our code). */
    static Arbitrary<String> hostileOrHuge() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, hostileText()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofLength(5000)));
    }

    private static boolean hasBody(Operation operation) {
        return operation.definition().containsKey("requestBody");
    }

    private static JsonObject resolve(JsonObject schema) {
        String ref = schema.getString("$ref");
        if (ref == null) {
            return schema;
        }
        String[] parts = ref.substring(2).split("/");
        JsonObject target = components;
        for (int i = 1; i < parts.length; i++) {
            target = target.getJsonObject(parts[i], new JsonObject());
        }
        return target;
    }

    private static String json(Object value) {
        return value instanceof Map<?, ?> map ? new JsonObject(new LinkedHashMap<>(castMap(map))).encode()
                : value instanceof List<?> list ? new JsonArray(new ArrayList<>(list)).encode()
                : io.vertx.core.json.Json.encode(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
