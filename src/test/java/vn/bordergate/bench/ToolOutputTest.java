package vn.bordergate.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The figures read from the load tools' own output, and how numbers are written (as the bash bench wrote them). */
class ToolOutputTest {

    @Test
    void wrkRateP99InMillisecondsAndRefusals() {
        String out = """
                Running 5s test @ http://127.0.0.1:58080
                  2 threads and 64 connections
                  Latency Distribution
                     50%    1.20ms
                     99%  850.00us
                  41234 requests in 5.00s, 9.1MB read
                  Non-2xx or 3xx responses: 7
                Requests/sec:   8246.80
                """;
        assertEquals(new WrkBaseline.Result("8246.80", "0.85", "7"), WrkBaseline.parse(out));
        assertEquals("3.21", WrkBaseline.parse("     99%    3.21ms\n").p99Ms());
        assertEquals("1020", WrkBaseline.parse("     99%    1.02s\n").p99Ms());
        assertEquals(new WrkBaseline.Result(null, null, "0"), WrkBaseline.parse("unable to connect"));
    }

    @Test
    void pgbenchRateWithoutConnectingTimeAndLatency() {
        String out = """
                latency average = 2.745 ms
                initial connection time = 12.345 ms
                tps = 5829.114 (without initial connection time)
                """;
        assertEquals(new PgbenchBaseline.Result("5829.114", "2.745"), PgbenchBaseline.parse(out));
        assertEquals("4100.5", PgbenchBaseline.parse("tps = 4000.1 (including connections establishing)\ntps = 4100.5 (excluding)").tps());
    }

    @Test
    void numbersAsPythonRoundPrintedThemAndNAForMissingInputs() {
        assertEquals("826.2", Figures.rounded(826.25, 1));
        assertEquals("12.0", Figures.rounded(12.0, 1));
        assertEquals("0.097", Figures.rounded(0.09712, 3));
        assertEquals("8.45", Figures.rounded(8.449999, 2));
        assertEquals("NA", Figures.rounded(null, 2));
        assertEquals("NA", Figures.rounded(Figures.ratio(3.0, 0.0), 2));
        assertEquals("NA", Figures.rounded(Figures.ratio(Figures.number("NA"), 2.0), 2));
    }

    @Test
    void perSecondIsOverTheAnsweringTime() {
        OutcomesFile outcomes = OutcomesFile.parse("stampede", List.of("meta answered_within_ms 4870", "outcome book 201 - 250"));

        assertEquals(51.3, GatlingRun.perSecond(outcomes, 250));
        assertEquals(null, GatlingRun.perSecond(OutcomesFile.parse("max", List.of("outcome book 201 - 3")), 3),
                "no answering time: not a rate of 0");
    }
}
