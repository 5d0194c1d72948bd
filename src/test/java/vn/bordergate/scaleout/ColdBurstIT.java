package vn.bordergate.scaleout;

import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.LoadBalancer;
import vn.bordergate.support.PackagedService;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The opening burst on instances that started a moment ago, with the production bounds: autoscaling and the
 * morning deploy put cold instances in front of exactly this traffic. Ten times the free places of one slot
 * are asked for at once as the instance's first booking traffic: every place goes to a booking with its row,
 * the ledger counts exactly those rows the moment the burst is over (no place held by an abandoned claim,
 * nothing left to heal), and no firm is told "busy" while the machine is only warming up.
 * {@code -Dbordergate.it.cold-starts=5} repeats the single-instance burst on five fresh starts.
 */
class ColdBurstIT {

    static final String GATE = "HUU_NGHI";
    static final String DIRECTION = "EXPORT";
    static final int PLACES = 55;
    static final int REQUESTS = 10 * PLACES + 5;
    // Behind the balancer every client comes from 127.0.0.1, as ThreeInstancesIT explains.
    static final Map<String, String> BEHIND_BALANCER = Map.of(
            "BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST", "1000000",
            "BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND", "1000000");

    @Test
    void aFreshInstanceGivesEveryPlaceOfItsFirstBurst() throws Exception {
        int starts = Integer.getInteger("bordergate.it.cold-starts", 1);
        for (int start = 1; start <= starts; start++) {
            try (PackagedService service = PackagedService.start(1, Map.of())) {
                OffsetDateTime slot = Fixtures.slot(2, 14);
                OpeningBurst burst = OpeningBurst.fire(service, 0, GATE, DIRECTION, slot, PLACES, REQUESTS, "05");
                assertEveryPlaceTaken(service, burst, slot, "cold-burst-fresh-instance start=" + start);
            }
        }
    }

    @Test
    void twoFreshInstancesBehindTheBalancerGiveEveryPlace() throws Exception {
        try (PackagedService service = PackagedService.start(2, BEHIND_BALANCER);
             LoadBalancer balancer = LoadBalancer.haproxy(service.ports(), service.managementPorts())) {
            service.behind(balancer);
            OffsetDateTime slot = Fixtures.slot(2, 14);
            OpeningBurst burst = OpeningBurst.fire(service, PackagedService.BALANCER, GATE, DIRECTION, slot,
                    PLACES, 2 * REQUESTS - PLACES, "06");
            assertEveryPlaceTaken(service, burst, slot, "cold-burst-two-instances-haproxy");
        }
    }

    /** What a firm and an auditor would check right after the burst: no waiting for a ledger check to heal anything. */
    static void assertEveryPlaceTaken(PackagedService service, OpeningBurst burst, OffsetDateTime slot, String figure)
            throws Exception {
        long rows = service.activeRows(GATE, DIRECTION, slot);
        long ledger = service.redis().used(GATE, slot.toLocalDate(), DIRECTION + ":" + slot.getHour() + "00");
        System.out.println(burst.figure(figure, rows, ledger));
        assertEquals(burst.count(201), burst.rowsOfCreated(service), "every 201 has its row");
        assertEquals(burst.count(201), rows, "no row without its 201");
        assertEquals(0, burst.serverErrors(), "no firm told the service is unavailable: " + burst.byStatus());
        assertEquals(PLACES, rows, "every place taken in the burst, none left free while firms heard 'full': "
                + burst.byStatus());
        assertEquals(rows, ledger, "the ledger counts the rows at once: no place held by an abandoned claim");
    }
}
