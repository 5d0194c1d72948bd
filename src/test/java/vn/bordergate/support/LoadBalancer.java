package vn.bordergate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's HAProxy in front of packaged instances, as an operator would put it: round robin, each instance
 * taken out while its readiness check fails, long-lived streams passed through. Installed with apt-get when
 * the machine does not have it (CI runs as root on Debian).
 */
public final class LoadBalancer implements AutoCloseable {

    private final Process haproxy;
    private final int port;

    private LoadBalancer(Process haproxy, int port) {
        this.haproxy = haproxy;
        this.port = port;
    }

    /** Starts HAProxy in front of the given instances and waits until it sends traffic to every one. */
    public static LoadBalancer haproxy(List<Integer> ports, List<Integer> managementPorts) throws Exception {
        String binary = installed();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 90s
                    timeout server 90s
                    # A followed stream (SSE) stays open for as long as its client wants it.
                    timeout tunnel 1h
                    option redispatch
                    retries 1
                    # An overloaded machine answers readiness slowly: leave an instance in rotation unless it
                    # fails three checks in a row (the Kubernetes readiness probe's settings).
                    timeout check 2s
                frontend api
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /q/health/ready
                    http-check expect status 200
                """.formatted(port));
        for (int i = 0; i < ports.size(); i++) {
            config.append("    server instance-%d 127.0.0.1:%d check port %d inter 2s fall 3 rise 1\n"
                    .formatted(i, ports.get(i), managementPorts.get(i)));
        }
        Path file = Path.of("target", "haproxy-" + port + ".cfg").toAbsolutePath();
        Files.writeString(file, config);
        Process process = new ProcessBuilder(binary, "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "haproxy-" + port + ".log").toFile())
                .start();
        LoadBalancer balancer = new LoadBalancer(process, port);
        balancer.awaitListening();
        // Servers start as up and are checked at once; a second lets every first check come back.
        Thread.sleep(1_500);
        return balancer;
    }

    public int port() {
        return port;
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy exited with " + haproxy.exitValue() + "; see target/haproxy-*.log");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("HAProxy did not listen on " + port);
    }

    /** The haproxy binary, installed from Debian's packages first when missing. */
    private static synchronized String installed() throws IOException, InterruptedException {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "haproxy");
        if (!Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            throw new IllegalStateException("HAProxy is not installed and apt-get could not install it");
        }
        return "/usr/sbin/haproxy";
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "haproxy-install.log").toFile());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see target/haproxy-install.log");
        }
    }

    @Override
    public void close() {
        haproxy.destroy();
        try {
            haproxy.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
