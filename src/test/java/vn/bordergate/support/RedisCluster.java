package vn.bordergate.support;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Redis Cluster on loopback, from the same Redis binary the other tests use: three masters, each with
 * one replica, formed with CLUSTER MEET / ADDSLOTSRANGE / REPLICATE as {@code redis-cli --cluster create}
 * would. A master can be killed ({@code kill -9}) so that its replica takes over.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;
    private static final int SLOTS = 16384;

    private final List<RedisServer> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private RedisCluster() {
    }

    /** Starts six nodes and waits until the cluster is formed, every replica in sync and every node says ok. */
    public static RedisCluster start() throws Exception {
        RedisCluster cluster = new RedisCluster();
        for (int i = 0; i < 2 * MASTERS; i++) {
            cluster.startNode();
        }
        cluster.form();
        return cluster;
    }

    private void startNode() throws IOException {
        int port = freePort();
        Path dir = Files.createTempDirectory("bordergate-redis-cluster-" + port);
        RedisServer server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dir)
                .setting("maxclients 4000")
                .setting("cluster-enabled yes")
                .setting("cluster-config-file nodes-" + port + ".conf")
                // A master silent for 1 s is failed over; replicas may always take over, however stale.
                .setting("cluster-node-timeout 1000")
                .setting("cluster-replica-validity-factor 0")
                // The slots of a failed master are refused until its replica takes over; the others go on.
                .setting("cluster-require-full-coverage no")
                .build();
        server.start();
        servers.add(server);
        ports.add(port);
    }

    private void form() throws Exception {
        int range = SLOTS / MASTERS;
        for (int m = 0; m < MASTERS; m++) {
            int first = m * range;
            int last = m == MASTERS - 1 ? SLOTS - 1 : first + range - 1;
            node(m).command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
        }
        for (int i = 1; i < ports.size(); i++) {
            node(0).command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(ports.get(i)));
        }
        await("every node knows the others", () -> java.util.stream.IntStream.range(0, ports.size()).allMatch(i ->
                ((String) node(i).command("CLUSTER", "NODES")).lines().count() == ports.size()));
        for (int r = MASTERS; r < ports.size(); r++) {
            String masterId = (String) node(r - MASTERS).command("CLUSTER", "MYID");
            node(r).command("CLUSTER", "REPLICATE", masterId);
        }
        await("every replica in sync and the cluster ok", () -> java.util.stream.IntStream.range(0, ports.size()).allMatch(i ->
                String.valueOf(node(i).command("CLUSTER", "INFO")).contains("cluster_state:ok"))
                && ports.subList(MASTERS, ports.size()).stream().allMatch(p ->
                String.valueOf(new RedisProbe(uri(p)).command("INFO", "replication")).contains("master_link_status:up")));
    }

    /** Every node's URI, as {@code quarkus.redis.hosts} takes them (comma-separated). */
    public String hosts() {
        return ports.stream().map(RedisCluster::uri).collect(Collectors.joining(","));
    }

    /** The Quarkus settings that point the service at this cluster, as environment variables. */
    public Map<String, String> environment() {
        return Map.of("QUARKUS_REDIS_HOSTS", hosts(), "QUARKUS_REDIS_CLIENT_TYPE", "cluster");
    }

    public RedisProbe node(int index) {
        return new RedisProbe(uri(ports.get(index)));
    }

    /** The port of the master that serves {@code key} now. */
    public int masterOf(String key) {
        long slot = (Long) anyNode("CLUSTER", "KEYSLOT", key);
        for (int i = 0; i < ports.size(); i++) {
            try {
                for (Object range : (List<?>) node(i).command("CLUSTER", "SLOTS")) {
                    List<?> r = (List<?>) range;
                    if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                        return ((Long) ((List<?>) r.get(2)).get(1)).intValue();
                    }
                }
            } catch (RuntimeException nodeDown) {
                // ask the next node
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** Runs a keyless command on the first node that answers (one may have been killed). */
    private Object anyNode(String... arguments) {
        RuntimeException last = null;
        for (int i = 0; i < ports.size(); i++) {
            try {
                return node(i).command(arguments);
            } catch (RuntimeException down) {
                last = down;
            }
        }
        throw last;
    }

    /** Runs a command on the master serving {@code key} (the key must be one of the arguments). */
    public Object command(String key, String... arguments) {
        return new RedisProbe(uri(masterOf(key))).command(arguments);
    }

    /** A ledger's places used in one slot field, as the cluster counts them. */
    public long used(String gate, java.time.LocalDate day, String field) {
        String key = "bg:{" + gate + ":" + day + "}:used";
        Object value = command(key, "HGET", key, field);
        return value == null ? 0 : Long.parseLong((String) value);
    }

    /**
     * Kills the master on {@code port} at once ({@code kill -9}: no shutdown, nothing handed over), as a
     * machine loss would.
     */
    public void killMaster(int port) {
        String info = String.valueOf(new RedisProbe(uri(port)).command("INFO", "server"));
        long pid = Long.parseLong(info.lines().filter(l -> l.startsWith("process_id:")).findFirst()
                .orElseThrow().substring("process_id:".length()).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Waits until the live nodes name another master than {@code killedPort} for {@code key}: a replica took
     * over. Answers whether it happened in time.
     */
    public boolean awaitTakenOver(int killedPort, String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (masterOf(key) != killedPort) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // no node answers for the slot yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            try {
                server.stop();
            } catch (RuntimeException alreadyKilled) {
                // a killed master
            }
        }
    }

    private static String uri(int port) {
        return "redis://127.0.0.1:" + port;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Redis Cluster: not reached in 30 s: " + what);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
