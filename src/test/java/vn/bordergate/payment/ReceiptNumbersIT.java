package vn.bordergate.payment;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Bank;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receipt numbers under concurrent payments on two instances of the packaged service (prod profile): every
 * paid trip gets exactly one number, and the numbers of the series are 1 to N with no gap and no repeat.
 */
public class ReceiptNumbersIT {

    static final int TRIPS = 40;
    static final String SECRET = "receipt-numbers-it-bank-secret";
    static PackagedService service;

    @BeforeAll
    static void twoInstancesWithACaoBangCollector() throws Exception {
        service = PackagedService.start(0, Map.of());
        List<String> options = new ArrayList<>(PackagedService.aotCacheOptions());
        options.addAll(List.of(
                "-Dbordergate.payments.collectors.\"CAO_BANG\".bank-bin=970436",
                "-Dbordergate.payments.collectors.\"CAO_BANG\".account=0000123456789",
                "-Dbordergate.payments.collectors.\"CAO_BANG\".account-name=TRUNG TAM THU PHI",
                "-Dbordergate.payments.collectors.\"CAO_BANG\".receipt-series=BGCB",
                "-Dbordergate.payments.collectors.\"CAO_BANG\".notification-secret=" + SECRET));
        service.startInstance(Map.of(), options);
        service.startInstance(Map.of(), options);
        service.awaitReady(0);
        service.awaitReady(1);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void paymentsArrivingAtOnceOnTwoInstancesGetGapFreeReceiptNumbers() throws Exception {
        String gate = onboardCaoBangGate();
        String firm = PackagedService.firm("0100109106");
        List<String> references = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TRIPS; i++) {
            HttpResponse<String> booked = service.declare(i % 2, firm,
                    Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 7 + i % 10)));
            assertEquals(201, booked.statusCode(), booked.body());
            String id = new JsonObject(booked.body()).getString("id");
            HttpResponse<String> payment = service.get(i % 2, "/api/v1/declarations/" + id + "/payment", firm);
            assertEquals(200, payment.statusCode(), payment.body());
            ids.add(id);
            references.add(new JsonObject(payment.body()).getString("reference"));
        }

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, TRIPS).mapToObj(i -> {
            String body = Bank.credit("CAO_BANG", "FT-IT-" + i + "-" + System.nanoTime(), 462_500, references.get(i),
                    OffsetDateTime.now(ZoneOffset.UTC));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port(i % 2)
                            + "/api/v1/payments/bank-notifications"))
                    .header("Content-Type", "application/json").header("X-Signature", Bank.sign(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }).toList();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            HttpResponse<String> response = answer.get();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("MATCHED", new JsonObject(response.body()).getString("outcome"), response.body());
        }

        List<List<Object>> receipts = service.rows("SELECT declaration_id::text, number FROM receipts ORDER BY number");
        assertEquals(TRIPS, receipts.size(), "one receipt per paid trip");
        assertEquals(IntStream.rangeClosed(1, TRIPS).boxed().toList(),
                receipts.stream().map(r -> ((Number) r.get(1)).intValue()).toList(), "numbers 1..N, no gap, no repeat");
        Set<String> receipted = receipts.stream().map(r -> (String) r.get(0)).collect(Collectors.toSet());
        assertEquals(Set.copyOf(ids), receipted);
        for (int i = 0; i < TRIPS; i += 13) {
            HttpResponse<String> payment = service.get(1 - i % 2, "/api/v1/declarations/" + ids.get(i) + "/payment", firm);
            assertTrue(payment.body().contains("\"status\":\"PAID\""), payment.body());
        }
    }

    private static String onboardCaoBangGate() throws Exception {
        String code = "TL_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String admin = PackagedService.token("admin-cao-bang", Map.of("groups", Set.of("province-admin"),
                "provinces", List.of("CAO_BANG")));
        Map<String, Object> gate = Map.ofEntries(Map.entry("code", code), Map.entry("name", "Tà Lùng"),
                Map.entry("provinceCode", "CAO_BANG"), Map.entry("referencePrefix", "TL"), Map.entry("international", true),
                Map.entry("timeZone", "Asia/Ho_Chi_Minh"), Map.entry("slotMinutes", 60), Map.entry("bookingHorizonDays", 7),
                Map.entry("exportCapacity", 50), Map.entry("importCapacity", 50),
                Map.entry("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                        "FRIDAY", "SATURDAY", "SUNDAY"), "opensAt", "07:00", "closesAt", "19:00"))));
        HttpResponse<String> created = service.post(0, "/api/v1/gates", admin, new JsonObject(gate).encode());
        assertEquals(201, created.statusCode(), created.body());
        return code;
    }
}
