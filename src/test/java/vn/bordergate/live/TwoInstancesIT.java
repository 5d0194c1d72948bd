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
public class TwoInstancesIT {

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
        aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(service, "0100109106");
    }

    /**
     * Books through the first instance, follows the declaration on the second, cancels through the first: the
     * follower hears it. Also used on a Redis Cluster, before and after a failover (RedisClusterIT).
     */
    public static void aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(PackagedService service, String taxCode)
            throws Exception {
        String firm = PackagedService.firm(taxCode);
        HttpResponse<String> created = service.declare(0, firm, Fixtures.declaration("TAN_THANH", "IMPORT", Fixtures.slot(2, 16)));
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

            SseClient.Event live = follower.next(Duration.ofSeconds(15));
            assertNotNull(live, "the cancellation made on instance 1 reaches the follower on instance 2");
            assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
        }
    }
}
