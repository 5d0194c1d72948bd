package vn.bordergate.reliability;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A firm's client gives up on a booking while the service is busy (a short timeout on a mobile or ERP
 * client), or sends the same request twice at once: no place leaks, no key is poisoned, the retry gets
 * the booking.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class ClientGoneTest {

    static final String GATE = "KIM_THANH";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    RedisDataSource redis;

    @Test
    void aClientThatGaveUpGetsItsBookingOnRetryWithTheSameKey() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 19);
        String firm = Tokens.enterprise(Tokens.FIRM_B);
        String body = truckForALedgerThatExists(firm, slot);
        String key = UUID.randomUUID().toString();

        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> keepRedisBusy(800));
        Thread.sleep(50);
        assertThrows(HttpTimeoutException.class, () -> send(firm, key, body, Duration.ofMillis(300)),
                "the client gives up while its booking is in flight");
        busy.join();
        Thread.sleep(500);

        HttpResponse<String> retry = send(firm, key, body, Duration.ofSeconds(10));
        assertEquals(201, retry.statusCode(), "the retry gets the booking: " + retry.body());
        HttpResponse<String> again = send(firm, key, body, Duration.ofSeconds(10));
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(new JsonObject(retry.body()).getString("id"), new JsonObject(again.body()).getString("id"));
        assertEquals(1, rowsOfPlate(body), "one truck, one booking");
        assertEquals(usedInPostgres(slot), usedInRedis(slot), "no place leaked in the ledger");
    }

    @Test
    void twoConcurrentRequestsWithOneKeyGetOneBooking() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 20);
        String firm = Tokens.enterprise(Tokens.FIRM_B);
        String body = truckForALedgerThatExists(firm, slot);
        String key = UUID.randomUUID().toString();

        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> keepRedisBusy(600));
        Thread.sleep(50);
        List<CompletableFuture<HttpResponse<String>>> both = List.of(
                CompletableFuture.supplyAsync(() -> sendQuietly(firm, key, body)),
                CompletableFuture.supplyAsync(() -> sendQuietly(firm, key, body)));
        busy.join();
        HttpResponse<String> first = both.get(0).join();
        HttpResponse<String> second = both.get(1).join();

        assertEquals(List.of(201, 201), List.of(first.statusCode(), second.statusCode()),
                first.body() + " / " + second.body());
        assertEquals(new JsonObject(first.body()).getString("id"), new JsonObject(second.body()).getString("id"));
        assertEquals(1, rowsOfPlate(body));
        assertEquals(usedInPostgres(slot), usedInRedis(slot), "no place leaked in the ledger");
        HttpResponse<String> later = send(firm, key, body, Duration.ofSeconds(10));
        assertEquals(201, later.statusCode(), "the key's answer is the booking, not a refusal: " + later.body());
    }

    /** Books one truck so the slot's ledger exists (no rebuild in the timing below), and returns another truck's body. */
    private static String truckForALedgerThatExists(String firm, OffsetDateTime slot) {
        Api.declare(firm, Fixtures.declaration(GATE, "EXPORT", slot)).then().statusCode(201);
        return new JsonObject(Fixtures.declaration(GATE, "EXPORT", slot)).encode();
    }

    /** Blocks Redis with a script that spins for {@code millis}, as a Redis busy with a large job would. */
    private void keepRedisBusy(long millis) {
        redis.execute("EVAL", "local t = redis.call('TIME'); local stop = t[1] * 1000000 + t[2] + " + millis * 1000
                + "; repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= stop; return 1", "0");
    }

    private static HttpResponse<String> send(String token, String key, String body, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/declarations"))
                .timeout(timeout).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> sendQuietly(String token, String key, String body) {
        try {
            return send(token, key, body, Duration.ofSeconds(20));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rowsOfPlate(String body) {
        String plate = Fixtures.plateKey(new JsonObject(body).getJsonObject("vehicle").getString("plate"));
        return vn.bordergate.support.Database.count("SELECT count(*) FROM declarations WHERE plate_key = ? AND status = 'BOOKED'", plate);
    }

    private static long usedInPostgres(OffsetDateTime slot) {
        return vn.bordergate.support.Database.count("SELECT count(*) FROM declarations WHERE gate_code = ? AND direction = 'EXPORT' "
                + "AND slot_start = ? AND status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED')", GATE, slot);
    }

    private long usedInRedis(OffsetDateTime slot) {
        String used = redis.hash(String.class).hget("bg:{" + GATE + ":" + slot.toLocalDate() + "}:used",
                "EXPORT:" + slot.toLocalTime().toString().replace(":", ""));
        return used == null ? 0 : Long.parseLong(used);
    }
}
