package vn.bordergate.notify;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * Sends due webhook deliveries from the outbox, off the request path: a few at a time, each cut off after
 * the configured timeout, so a slow or dead receiver costs only its own deliveries' time, never the API's.
 * Any number of instances may run it at once (see {@link OutboxRepository}).
 */
@ApplicationScoped
class WebhookDispatcher {

    /** Rounds per run: a declaration's next event becomes due once the one before is delivered. */
    private static final int MAX_ROUNDS = 20;

    private final OutboxRepository outbox;
    private final Payload payload;
    private final AddressGuard guard;
    private final Backoff backoff;
    private final WebhookConfig config;
    private final Clock clock;
    private final WebClient client;
    private final Duration lease;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public WebhookDispatcher(OutboxRepository outbox, Payload payload, AddressGuard guard, Backoff backoff, WebhookConfig config,
                             Clock clock, Vertx vertx, MeterRegistry metrics, Tracer tracer) {
        this.outbox = outbox;
        this.payload = payload;
        this.guard = guard;
        this.backoff = backoff;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.tracer = tracer;
        int timeoutMillis = (int) config.timeout().toMillis();
        // No redirects: a receiver could otherwise bounce the request to an address the guard refused.
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(timeoutMillis).setMaxPoolSize(config.concurrency())
                .setUserAgent("BorderGate-Webhooks/1"));
        // A claim must outlive the slowest round it can take: every wave of sends timing out, plus DNS.
        long waves = (config.batchSize() + config.concurrency() - 1) / config.concurrency();
        this.lease = config.timeout().plusSeconds(5).multipliedBy(waves).plusSeconds(30);
    }

    @Scheduled(every = "{bordergate.webhooks.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return dispatchDue()
                .onFailure().invoke(e -> Log.warnf("webhook dispatch failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends everything due now, round after round until nothing is due; the number of attempts made. */
    public Uni<Integer> dispatchDue() {
        return rounds(0, 0);
    }

    private Uni<Integer> rounds(int attempted, int round) {
        if (round == MAX_ROUNDS) {
            return Uni.createFrom().item(attempted);
        }
        return dispatchOnce().chain(n -> n == 0 ? Uni.createFrom().item(attempted) : rounds(attempted + n, round + 1));
    }

    private Uni<Integer> dispatchOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return outbox.claim(now, now.plus(lease), config.batchSize())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(this::attempt).merge(config.concurrency())
                        .collect().with(Collectors.counting()).map(Long::intValue));
    }

    /** Sends one delivery and records the outcome; never fails, so one bad delivery cannot stop a round. */
    private Uni<Delivery> attempt(Delivery d) {
        URI url = URI.create(d.url());
        Uni<Integer> answer = guard.check(url).chain(address -> send(d, url, address));
        return answer.onItemOrFailure().transformToUni((status, failure) -> {
                    if (failure == null && status / 100 == 2) {
                        count("delivered");
                        return outbox.delivered(d, OffsetDateTime.now(clock), status);
                    }
                    String error = failure == null ? "HTTP " + status : describe(failure);
                    OffsetDateTime next = backoff.next(d.attempts(), d.occurredAt(), OffsetDateTime.now(clock));
                    count(next == null ? "failed" : "retry");
                    if (next == null) {
                        Log.warnf("webhook delivery %d (event %d) to %s given up after %d attempts: %s",
                                d.id(), d.eventId(), d.url(), d.attempts(), error);
                    }
                    return outbox.failed(d, failure == null ? status : null, error, next);
                })
                .onFailure().invoke(e -> Log.warnf("recording webhook delivery %d failed: %s", d.id(), e.toString()))
                .onItemOrFailure().transform((ignored, failure) -> d);
    }

    /**
     * POSTs the signed payload; connects to the address the guard checked, so DNS cannot be switched in between.
     * Each attempt is a span of its own, and its W3C traceparent goes with it: a firm that traces its receiver
     * sees our side of the delivery in the same trace.
     */
    private Uni<Integer> send(Delivery d, URI url, InetAddress checked) {
        byte[] body = payload.of(d);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest<Buffer> request = checked == null
                ? client.requestAbs(HttpMethod.POST, d.url())
                : client.requestAbs(HttpMethod.POST, SocketAddress.inetSocketAddress(port(url), checked.getHostAddress()), d.url());
        Span span = tracer.spanBuilder("webhook delivery").setNoParent().setSpanKind(SpanKind.CLIENT)
                .setAttribute("bordergate.webhook.delivery_id", d.id())
                .setAttribute("bordergate.event_id", d.eventId())
                .setAttribute("bordergate.attempt", d.attempts())
                .setAttribute("url.full", d.url()).startSpan();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), request,
                (carrier, name, value) -> carrier.putHeader(name, value));
        return request.timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(Signature.TIMESTAMP, Long.toString(timestamp))
                .putHeader(Signature.SIGNATURE, Signature.sign(d.secret(), timestamp, body))
                .putHeader(Signature.EVENT_ID, Long.toString(d.eventId()))
                .putHeader(Signature.DELIVERY_ID, Long.toString(d.id()))
                // The receiver's answer body is not needed: discard it rather than buffer whatever it sends.
                .as(BodyCodec.none())
                .sendBuffer(Buffer.buffer(body))
                .ifNoItem().after(config.timeout()).fail()
                .map(response -> response.statusCode())
                .onItemOrFailure().invoke((status, failure) -> {
                    if (status != null) {
                        span.setAttribute("http.response.status_code", status);
                    }
                    if (failure != null || status / 100 != 2) {
                        span.setStatus(StatusCode.ERROR, failure == null ? "HTTP " + status : describe(failure));
                    }
                    span.end();
                });
    }

    /** bordergate_webhook_attempts_total{outcome=delivered|retry|failed}: a rising retry rate is a receiver down. */
    private void count(String outcome) {
        metrics.counter("bordergate.webhook.attempts", "outcome", outcome).increment();
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private String describe(Throwable failure) {
        String text;
        if (failure instanceof vn.bordergate.http.ProblemException refused) {
            text = refused.detail();
        } else if (failure instanceof io.smallrye.mutiny.TimeoutException
                || failure instanceof java.util.concurrent.TimeoutException) {
            text = "no answer within " + config.timeout().toMillis() + " ms";
        } else {
            text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
