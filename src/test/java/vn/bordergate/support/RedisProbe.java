package vn.bordergate.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A few Redis commands sent as an operator's redis-cli would, on a fresh connection each: for tests that
 * look at Redis from outside the service (BGSAVE, PUBSUB NUMSUB, the ledger's counters).
 */
public final class RedisProbe {

    private final String host;
    private final int port;

    public RedisProbe(String uri) {
        URI parsed = URI.create(uri);
        this.host = parsed.getHost();
        this.port = parsed.getPort();
    }

    /** The reply: a String, a Long, null, or a List of those. */
    public Object command(String... arguments) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an RDB snapshot and waits until it is on disk. */
    public void snapshot() throws InterruptedException {
        long before = (Long) command("LASTSAVE");
        command("BGSAVE");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((Long) command("LASTSAVE") == before || String.valueOf(command("INFO", "persistence"))
                .contains("rdb_bgsave_in_progress:1")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("BGSAVE did not finish");
            }
            Thread.sleep(100);
        }
    }

    /** How many clients of any instance listen on {@code channel}. */
    public long subscribers(String channel) {
        List<?> reply = (List<?>) command("PUBSUB", "NUMSUB", channel);
        return (Long) reply.get(1);
    }

    /** A ledger's places used in one slot field ({@code EXPORT:1400}), as Redis counts them. */
    public long used(String gate, java.time.LocalDate day, String field) {
        Object value = command("HGET", "bg:{" + gate + ":" + day + "}:used", field);
        return value == null ? 0 : Long.parseLong((String) value);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException("Redis error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield count < 0 ? null : items;
            }
            default -> throw new IllegalStateException("unexpected Redis reply type " + (char) type);
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            bytes.write(b);
        }
        in.read();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
