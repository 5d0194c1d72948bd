package vn.bordergate.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/** A firm's webhook receiver on 127.0.0.1: records every request and answers as the test scripts it. */
public final class Receiver implements AutoCloseable {

    /** One received delivery: its headers and the raw body bytes the signature covers. */
    public record Request(String timestamp, String signature, String eventId, String deliveryId, String traceparent,
                          byte[] body) {

        JsonPath json() {
            return JsonPath.from(new String(body, StandardCharsets.UTF_8));
        }

        String type() {
            return json().getString("type");
        }

        /** Checks the signature as a receiver would, by the documented recipe (not with the service's code). */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
                String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        signature.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile ToIntFunction<Request> answer = r -> 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL on which nothing listens: a receiver that is down. */
    static String deadUrl() {
        Receiver gone = start();
        String url = gone.url();
        gone.close();
        return url;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/bordergate";
    }

    /** How to answer each request, by the request. */
    void answer(ToIntFunction<Request> how) {
        this.answer = how;
    }

    /** Answers {@code status} to the first {@code n} requests, then 200. */
    void failFirst(int n, int status) {
        AtomicInteger seen = new AtomicInteger();
        answer(r -> seen.incrementAndGet() <= n ? status : 200);
    }

    /** Keeps every request waiting for its answer until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> types() {
        return requests().stream().map(Request::type).toList();
    }

    int answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            Request request = new Request(headers.getFirst("X-BorderGate-Timestamp"), headers.getFirst("X-BorderGate-Signature"),
                    headers.getFirst("X-BorderGate-Event-Id"), headers.getFirst("X-BorderGate-Delivery-Id"),
                    headers.getFirst("traceparent"), body);
            requests.add(request);
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer.applyAsInt(request), -1);
            answered.incrementAndGet();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
