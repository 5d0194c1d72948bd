package vn.bordergate.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.bordergate.support.PackagedService;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request budgets on the packaged service with its production budgets (600 per verified client, 3,000 per
 * address): a token whose signature was never checked spends its sender's address budget, never the budget
 * of the subject it names, and cannot open budgets of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestBudgetIT {

    static PackagedService service;
    static final Map<String, Object> FIRM = Map.of("groups", Set.of("enterprise"), "tax_code", "0100109106");

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(1, Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** A token as a forger writes it: any claims, no signature ({@code e30} is "{}"). */
    static String unsigned(String subject) {
        String claims = "{\"sub\":\"" + subject + "\",\"tax_code\":\"0100109106\",\"groups\":[\"enterprise\"]}";
        return "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".e30";
    }

    @Test
    @Order(1)
    void aForgedTokenNamingAVictimLeavesTheVictimsBudgetAlone() throws Exception {
        String victim = PackagedService.token("victim-2", FIRM);
        assertEquals(200, service.get(0, "/api/v1/declarations?limit=1", victim).statusCode());
        String forged = unsigned("victim-2");
        for (int i = 0; i < 700; i++) {
            int status = service.get(0, "/x", forged).statusCode();
            assertTrue(status != 200, "a forged token is never served: " + status);
        }
        HttpResponse<String> victims = service.get(0, "/api/v1/declarations?limit=1", victim);
        assertEquals(200, victims.statusCode(), victims.body());
        int remaining = Integer.parseInt(victims.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertTrue(remaining >= 590, "the victim's budget of 600 is its own: " + remaining + " left");
    }

    @Test
    @Order(2)
    void madeUpSubjectsShareTheirSendersAddressBudgetAndAddNoClients() throws Exception {
        double clientsBefore = service.metric(0, "bordergate_rate_limit_clients");
        int served = 0;
        HttpResponse<String> refused = null;
        // 3,000 at once for an address, refilled at 300/s: a sequential sender runs dry within a few thousand.
        for (int i = 0; i < 30_000 && refused == null; i++) {
            HttpResponse<String> answer = service.get(0, "/api/v1/gates/HUU_NGHI/board", unsigned(UUID.randomUUID().toString()));
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertEquals(200, answer.statusCode(), answer.body());
                served++;
            }
        }
        assertTrue(refused != null, "a new made-up subject on every request still meets its address's budget ("
                + served + " served)");
        assertTrue(refused.body().contains("rate-limited"), refused.body());
        double clientsAfter = service.metric(0, "bordergate_rate_limit_clients");
        assertTrue(clientsAfter <= clientsBefore + 1, "forged subjects add no clients: " + clientsBefore + " -> " + clientsAfter);

        // A firm calling from another address, with a token never seen before, is not caught in anyone's bucket.
        HttpClient elsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        HttpResponse<String> newcomer = elsewhere.send(HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + service.port(0) + "/api/v1/declarations?limit=1"))
                .header("Authorization", "Bearer " + PackagedService.token("newcomer", FIRM))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, newcomer.statusCode(), newcomer.body());
    }
}
