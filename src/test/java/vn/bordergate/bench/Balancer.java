package vn.bordergate.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HAProxy in front of the instances (scale-out mode), read through its stats socket: whether every instance has
 * passed a readiness check, and at the end how many requests each got and how often it left the rotation.
 */
final class Balancer {

    /** One instance as HAProxy sees it. */
    record Server(String name, String status, String check, long requests, long wentDown) {
    }

    private final Path socket;

    Balancer(Path socket) {
        this.socket = socket;
    }

    /** Servers count as up until checked: waits until every instance has passed a readiness check through it. */
    void awaitEveryInstanceChecked(int instances, Path haproxyLog) {
        String last = "";
        for (int i = 0; i < 80; i++) {
            try {
                List<Server> servers = servers();
                if (servers.stream().filter(s -> s.check.equals("L7OK")).count() == instances) {
                    return;
                }
                last = servers.toString();
            } catch (IOException | RuntimeException e) {
                last = e.toString();   // not listening yet, or a half-written answer
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted while waiting for HAProxy");
            }
        }
        throw new BenchFailure("HAProxy did not see every instance ready within 20 s: " + last + "; see " + haproxyLog);
    }

    /** The {@code instances} backend's servers, from {@code show stat}. */
    List<Server> servers() throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (channel.read(buffer) > 0) {
                read.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
        List<String> lines = read.toString(StandardCharsets.US_ASCII).lines().toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.getFirst().replaceFirst("^# ", "").split(",", -1));
        List<Server> servers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row.length < header.size()) {
                continue;
            }
            String name = row[header.indexOf("svname")];
            if (row[header.indexOf("pxname")].equals("instances") && name.startsWith("instance-")) {
                servers.add(new Server(name, row[header.indexOf("status")], row[header.indexOf("check_status")],
                        number(row[header.indexOf("req_tot")]), number(row[header.indexOf("chkdown")])));
            }
        }
        return servers;
    }

    private static long number(String field) {
        return field.isEmpty() ? 0 : Long.parseLong(field);
    }
}
