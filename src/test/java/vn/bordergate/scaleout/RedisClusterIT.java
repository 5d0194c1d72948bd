package vn.bordergate.scaleout;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.bordergate.live.TwoInstancesIT;
import vn.bordergate.support.Eventually;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;
import vn.bordergate.support.RedisCluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged instances on a Redis Cluster of three masters and three replicas
 * ({@code quarkus.redis.client-type=cluster}). Each gate-day's ledger lives on one master (its keys share
 * a hash tag), so stampedes at different gates land on different masters and each stays exact; live events
 * cross instances through the cluster; and when a master dies in the middle of a stampede, its replica
 * takes over without a place sold twice: the replica is another Redis process, so the ledger scripts find
 * the ledger's epoch stamped by a process that is gone, and it is counted again from PostgreSQL first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    static final int CAPACITY = 40;
    static RedisCluster cluster;
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start();
        Map<String, String> environment = new HashMap<>(cluster.environment());
        environment.put("BORDERGATE_ADMISSION_RECONCILE_EVERY", "2s");
        service = PackagedService.start(2, environment);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The instances' first booking traffic is the opening burst (issue 24): ten times the free places of one
     * slot, on a fresh instance whose ledger lives on one of the masters. Every place is taken by a row, the
     * ledger counts exactly those rows the moment the burst is over, and nobody hears 503.
     */
    @Test
    @Order(0)
    void aFreshInstanceOnTheClusterGivesEveryPlaceOfItsFirstBurst() throws Exception {
        OffsetDateTime slot = Fixtures.slot(3, 9);
        String gate = "TAN_THANH";
        OpeningBurst burst = OpeningBurst.fire(service, 0, gate, "EXPORT", slot, ColdBurstIT.PLACES,
                ColdBurstIT.REQUESTS, "07");
        long rows = service.activeRows(gate, "EXPORT", slot);
        long ledger = cluster.used(gate, slot.toLocalDate(), "EXPORT:0900");
        System.out.println(burst.figure("cold-burst-redis-cluster", rows, ledger));
        assertEquals(burst.count(201), burst.rowsOfCreated(service), "every 201 has its row");
        assertEquals(burst.count(201), rows, "no row without its 201");
        assertEquals(0, burst.serverErrors(), "no firm told the service is unavailable: " + burst.byStatus());
        assertEquals(ColdBurstIT.PLACES, rows, "every place taken: " + burst.byStatus());
        assertEquals(rows, ledger, "the ledger counts the rows at once");
    }

    @Test
    @Order(1)
    void stampedesOnEachMasterAreEachExact() throws Exception {
        // One gate-day per master: the hash tag {GATE:DAY} decides the master, so look for one on each.
        Map<Integer, OffsetDateTime> slotOnMaster = new LinkedHashMap<>();
        Map<Integer, String> gateOnMaster = new LinkedHashMap<>();
        for (int day = 1; day <= 3; day++) {
            for (String gate : List.of("HUU_NGHI", "TAN_THANH", "CHI_MA", "COC_NAM", "MONG_CAI", "KIM_THANH")) {
                OffsetDateTime slot = Fixtures.slot(day, 14);
                int master = cluster.masterOf(ledgerKey(gate, slot));
                if (!slotOnMaster.containsKey(master)) {
                    slotOnMaster.put(master, slot);
                    gateOnMaster.put(master, gate);
                }
            }
        }
        assertEquals(3, slotOnMaster.size(), "18 gate-days cover the three masters: " + gateOnMaster);
        for (int master : slotOnMaster.keySet()) {
            String gate = gateOnMaster.get(master);
            OffsetDateTime slot = slotOnMaster.get(master);
            setCapacity(gate, slot, CAPACITY);
            AtomicInteger next = new AtomicInteger();
            Stampede stampede = Stampede.run(service, () -> next.getAndIncrement() % 2, gate, "EXPORT", slot,
                    80, 5, "06", 48, null);
            long rows = service.activeRows(gate, "EXPORT", slot);
            boolean redisAgrees = Eventually.within(Duration.ofSeconds(10), () ->
                    cluster.used(gate, slot.toLocalDate(), "EXPORT:1400") == rows);
            int toppedUp = Stampede.topUp(service, 0, gate, "EXPORT", slot, CAPACITY, "10");
            long finalRows = service.activeRows(gate, "EXPORT", slot);
            System.out.printf("FIGURE redis-cluster-stampede: gate=%s day=%s master_port=%d requests=%d answers=%s per_second=%.0f "
                            + "created=%d rows_of_201=%d rows_after_burst=%d redis_equals_postgres=%s topped_up=%d final_rows=%d "
                            + "capacity=%d over_capacity=%d%n",
                    gate, slot.toLocalDate(), master, stampede.requests(), stampede.byStatus(), stampede.perSecond(),
                    stampede.count(201), stampede.rowsOfCreated(service), rows, redisAgrees, toppedUp, finalRows,
                    CAPACITY, Math.max(0, finalRows - CAPACITY));
            assertEquals(stampede.count(201), stampede.rowsOfCreated(service), "every 201 has its row");
            assertEquals(stampede.count(201), rows, "no row without its 201");
            assertTrue(rows <= CAPACITY, gate + ": never over capacity");
            assertTrue(stampede.count(201) >= CAPACITY / 2, "most places went in the stampede: " + stampede.byStatus());
            assertTrue(redisAgrees);
            assertEquals(CAPACITY, finalRows, "every place can be booked, and no more");
        }
    }

    @Test
    @Order(2)
    void liveEventsCrossInstancesThroughTheCluster() throws Exception {
        TwoInstancesIT.aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(service, "0700000001");
    }

    @Test
    @Order(3)
    void aMasterKilledInTheMiddleOfAStampedeOverbooksNothing() throws Exception {
        String gate = "HUU_NGHI";
        OffsetDateTime slot = Fixtures.slot(2, 15);
        // More places than are taken before the kill, so that claims go on after the replica took over.
        int capacity = 200;
        setCapacity(gate, slot, capacity);
        int master = cluster.masterOf(ledgerKey(gate, slot));
        String epochBefore = epoch(gate, slot);
        long[] killedAt = new long[1];
        java.util.concurrent.CompletableFuture<Long> healing = new java.util.concurrent.CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        Stampede stampede = Stampede.run(service, () -> next.getAndIncrement() % 2, gate, "EXPORT", slot,
                150, 4, "08", 48, () -> {
                    cluster.killMaster(master);
                    killedAt[0] = System.nanoTime();
                    healing.completeAsync(() -> {
                        try {
                            return cluster.awaitTakenOver(master, ledgerKey(gate, slot), Duration.ofSeconds(30)) ? System.nanoTime() : -1L;
                        } catch (InterruptedException e) {
                            return -1L;
                        }
                    });
                });
        long rowsAfterBurst = service.activeRows(gate, "EXPORT", slot);
        long healedAt = healing.get();
        boolean healed = healedAt > 0;
        long healedMs = (healedAt - killedAt[0]) / 1_000_000;
        int newMaster = cluster.masterOf(ledgerKey(gate, slot));
        boolean redisAgrees = Eventually.within(Duration.ofSeconds(30), () ->
                cluster.used(gate, slot.toLocalDate(), "EXPORT:1500") == rowsAfterBurst);
        String epochAfter = epoch(gate, slot);
        // Fill what is left through the other instance: every place comes back, none more.
        int filled = Stampede.topUp(service, 1, gate, "EXPORT", slot, capacity, "09");
        long finalRows = service.activeRows(gate, "EXPORT", slot);
        System.out.printf("FIGURE redis-cluster-failover: requests=%d answers=%s created=%d rows_of_201=%d "
                        + "rows_after_burst=%d capacity=%d over_capacity=%d killed_master=%d new_master=%d replica_took_over=%s after_ms=%d "
                        + "redis_equals_postgres=%s ledger_recounted=%s filled_after=%d final_rows=%d%n",
                stampede.requests(), stampede.byStatus(), stampede.count(201), stampede.rowsOfCreated(service),
                rowsAfterBurst, capacity, Math.max(0, finalRows - capacity), master, newMaster, healed, healedMs,
                redisAgrees, !epochAfter.equals(epochBefore), filled, finalRows);

        assertEquals(stampede.count(201), stampede.rowsOfCreated(service), "every 201 has its row");
        assertTrue(rowsAfterBurst <= capacity, "never over capacity");
        assertTrue(healed, "the replica took over");
        assertTrue(newMaster != master);
        assertTrue(!epochAfter.equals(epochBefore), "the promoted replica's ledger was not trusted: counted again");
        assertTrue(redisAgrees, "the promoted replica's ledger counts what PostgreSQL holds");
        assertEquals(capacity, finalRows, "every place can be booked, and no more");
        TwoInstancesIT.aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(service, "0700000002");
    }

    private static void setCapacity(String gate, OffsetDateTime slot, int capacity) throws Exception {
        HttpResponse<String> set = service.put(0, "/api/v1/gates/" + gate + "/capacity", PackagedService.supervisor(gate),
                new JsonObject().put("direction", "EXPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", capacity).encode());
        assertEquals(200, set.statusCode(), set.body());
    }

    private static String epoch(String gate, OffsetDateTime slot) throws Exception {
        return (String) service.rows("SELECT epoch FROM ledger_epochs WHERE gate_code = ? AND day = ?", gate,
                slot.toLocalDate()).get(0).get(0);
    }

    private static String ledgerKey(String gate, OffsetDateTime slot) {
        return "bg:{" + gate + ":" + slot.toLocalDate() + "}:used";
    }
}
