package vn.bordergate.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.SseClient;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public board shows the queue without leaking anything personal, and holds many watchers. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PublicBoardTest {

    static final String FIRM = Tokens.enterprise("0100109106-505");

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void theBoardMasksPlatesAndNamesNoOne() {
        OffsetDateTime slot = Fixtures.slot(1, 18);
        String plate = Fixtures.newPlate();
        String id = Api.declare(FIRM, Fixtures.declaration("MONG_CAI", "IMPORT", slot, plate)).then().statusCode(201).extract().path("id");
        TestClock.travelTo(slot.plusMinutes(5));
        given().auth().oauth2(Tokens.officer("yard-officer", "MONG_CAI")).contentType("application/json")
                .body(Map.of("plate", plate, "direction", "IMPORT")).post("/api/v1/gates/MONG_CAI/check-ins").then().statusCode(201);

        String board = given().when().get("/api/v1/gates/MONG_CAI/board").then().statusCode(200)
                .body("language", equalTo("vi"))
                .body("directions.find { it.direction == 'IMPORT' }.directionText", equalTo("Nhập khẩu"))
                .body("directions.find { it.direction == 'IMPORT' }.nextInYard.plate",
                        hasItem(plate.substring(0, 4) + "***." + plate.substring(plate.length() - 2)))
                .extract().asString();
        for (String secret : List.of(plate, "Nguyễn Văn Ánh", "0912345678", "+84912345678", "0100109106", id, "001099012345")) {
            assertFalse(board.contains(secret), "the public board must not show " + secret);
        }
        given().header("Accept-Language", "en").when().get("/api/v1/gates/MONG_CAI/board").then()
                .body("directions[0].today.BOOKED.text", equalTo("Booked"));
    }

    @Test
    void oneInstanceHoldsAThousandBoardWatchers() throws Exception {
        int watchers = 1000;
        var pool = Executors.newFixedThreadPool(100);
        List<CompletableFuture<SseClient>> opening = new ArrayList<>();
        long heapBefore = usedHeap();
        for (int i = 0; i < watchers; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return SseClient.open("/api/v1/gates/HUU_NGHI/board/stream", Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        List<SseClient> clients = new ArrayList<>();
        try {
            for (CompletableFuture<SseClient> f : opening) {
                clients.add(f.get());
            }
            int boards = 0;
            for (SseClient client : clients) {
                assertEquals(200, client.status());
                SseClient.Event first = client.next(Duration.ofSeconds(30));
                if (first != null && "board".equals(first.name())) {
                    boards++;
                }
            }
            assertEquals(watchers, boards, "every watcher gets the board");
            System.out.printf("board watchers: %d open SSE connections; heap used %d MB -> %d MB; process RSS %s%n",
                    watchers, heapBefore / 1_048_576, usedHeap() / 1_048_576, rss());
            assertTrue(clients.stream().allMatch(c -> c.status() == 200));
        } finally {
            clients.forEach(SseClient::close);
            pool.shutdown();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String rss() throws Exception {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
    }
}
