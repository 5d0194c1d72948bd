package vn.bordergate.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What deploy/bench/run.sh started and hands to the driver: where the build and results are, the service's
 * addresses and processes, when it started and was ready, and the key pair its tokens are verified with.
 *
 * @param build       the Maven project whose service runs (target/classes, target/test-classes, the classpaths)
 * @param appUrl      the API (HAProxy's address with several instances)
 * @param mgmtUrl     instance 0's management port (/q): the health baseline and the metrics snapshot
 * @param pids        the service's instances
 * @param balancerSocket HAProxy's stats socket, null without a balancer
 * @param beganSeconds when the bench began (epoch seconds): step headings and {@code bench_total_s} count from it
 * @param history     the history deploy/bench/seed-history.sh seeded before the driver started, null when none
 */
record Deployment(Path build, Path benchDir, String appUrl, String mgmtUrl, Path privateKey, String issuer,
                  String audience, List<Long> pids, Path appLog, long startedMillis, long readyMillis,
                  String loadavgAtStart, int instances, Path balancerSocket, boolean pin, Path profilerLib,
                  long beganSeconds, HistoryPhase.Seeded history) {

    static Deployment from(BenchArgs args) {
        String socket = args.optional("balancer-socket", null);
        String profiler = args.optional("profiler-lib", null);
        long historyRows = Long.parseLong(args.optional("history-rows", "0"));
        HistoryPhase.Seeded history = historyRows <= 0 ? null : new HistoryPhase.Seeded(historyRows,
                Integer.parseInt(args.required("history-days")), args.required("history-firm"),
                args.optional("history-seed-s", null));
        return new Deployment(Path.of(args.required("build")), Path.of(args.required("bench-dir")),
                args.required("app-url"), args.required("mgmt-url"), Path.of(args.required("private-key")),
                args.required("issuer"), args.required("audience"),
                Arrays.stream(args.required("pids").split(",")).map(Long::parseLong).toList(),
                Path.of(args.required("app-log")), Long.parseLong(args.required("started-ms")),
                Long.parseLong(args.required("ready-ms")), args.required("loadavg"),
                Integer.parseInt(args.optional("instances", "1")), socket == null ? null : Path.of(socket),
                "1".equals(args.optional("pin", "0")), profiler == null ? null : Path.of(profiler),
                Long.parseLong(args.optional("began", Long.toString(System.currentTimeMillis() / 1000))), history);
    }

    Path logs() {
        return benchDir.resolve("logs");
    }

    Path results() {
        return benchDir.resolve("results");
    }

    boolean balanced() {
        return balancerSocket != null;
    }
}
