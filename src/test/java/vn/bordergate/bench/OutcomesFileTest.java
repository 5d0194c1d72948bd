package vn.bordergate.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one reader of a scenario's outcomes: what the figures and the exactness checks both count, from lines as
 * vn.bordergate.load.Outcomes writes them.
 */
class OutcomesFileTest {

    private static final List<String> STAMPEDE = List.of(
            "meta answered_within_ms 4870",
            "meta expected_accepted 250",
            "meta first_sent_epoch_ms 1765100000000",
            "meta requests 5000",
            "outcome book 0 - 3",
            "outcome book 201 - 250",
            "outcome book 409 quota-exceeded 12",
            "outcome book 409 slot-full 4700",
            "outcome book 429 - 30",
            "outcome book 503 unavailable 5",
            "latency book count=4997 p50=41 p95=180 p99=240 p999=400 max=612 mean=60.2",
            "latency all count=4997 p50=41 p95=180 p99=240 p999=400 max=612 mean=60.2");

    @Test
    void countsAnswersByRequestStatusAndProblemType() {
        OutcomesFile outcomes = OutcomesFile.parse("stampede", STAMPEDE);

        assertEquals(250, outcomes.count("book", 201));
        assertEquals(4712, outcomes.count("book", 409), "every problem type of one status");
        assertEquals(4700, outcomes.count("book", 409, "slot-full"));
        assertEquals(5, outcomes.count("book", s -> s >= 500));
        assertEquals(3, outcomes.count("book", 0), "status 0: no answer");
        assertEquals(38, outcomes.count(null, s -> s == 0 || s == 429 || s >= 500), "turned back, of any request");
        assertEquals(5000, outcomes.answered());
        assertEquals(0, outcomes.count("amend", 201));
    }

    @Test
    void readsMetaAndLatencies() {
        OutcomesFile outcomes = OutcomesFile.parse("stampede", STAMPEDE);

        assertEquals(250L, outcomes.metaLong("expected_accepted").orElseThrow());
        assertEquals(4870L, outcomes.metaLong("answered_within_ms").orElseThrow());
        assertTrue(outcomes.meta("last_answer_epoch_ms").isEmpty());
        assertEquals("240", outcomes.latency("book", "p99").orElseThrow());
        assertEquals("612", outcomes.latency("all", "max").orElseThrow());
        assertTrue(outcomes.latency("amend", "p99").isEmpty(), "a request never sent has no latency");
    }

    @Test
    void aLineOfAnotherShapeStopsTheReadingNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutcomesFile.parse("max", List.of("meta requests 10", "outcome book 201 250")));
        assertTrue(e.getMessage().contains("max.outcomes line 2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OutcomesFile.parse("max", List.of("outcomes book 201 - 250")));
        assertThrows(IllegalStateException.class, () -> OutcomesFile.parse("max", List.of("outcome book OK - 250")));
    }
}
