package vn.bordergate.live;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;
import vn.bordergate.support.SseClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Two instances of the packaged service (prod profile) share one PostgreSQL and one Redis: a change made
 * through one instance reaches a client following the declaration on the other.
 */
class TwoInstancesIT {

    static PackagedService service;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        service = PackagedService.start(2, Map.of());
    }

    @AfterAll
    static void stopAll() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aChangeOnOneInstanceReachesAFollowerOnTheOther() throws Exception {
        String firm = PackagedService.firm("0100109106");
        HttpResponse<String> created = service.declare(0, firm, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(1, 15)));
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("id");

        RestAssured.baseURI = "http://localhost";
        RestAssured.port = service.port(1);
        try (SseClient follower = SseClient.open("/api/v1/declarations/" + id + "/stream",
                Map.of("Authorization", "Bearer " + firm))) {
            assertEquals(200, follower.status());
            assertEquals("BOOKED", new JsonObject(follower.next(Duration.ofSeconds(10)).data()).getString("status"));

            HttpResponse<String> cancelled = service.post(0, "/api/v1/declarations/" + id + "/cancel", firm, null);
            assertEquals(200, cancelled.statusCode(), cancelled.body());

            SseClient.Event live = follower.next(Duration.ofSeconds(10));
            assertNotNull(live, "the cancellation made on instance 1 reaches the follower on instance 2");
            assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
        }
    }
}
