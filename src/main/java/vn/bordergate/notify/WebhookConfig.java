package vn.bordergate.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Webhook registration limits, delivery timing and the SSRF allow-list ({@code bordergate.webhooks.*}). */
@ConfigMapping(prefix = "bordergate.webhooks")
public interface WebhookConfig {

    /** How often due deliveries are sent ({@code off} disables it, as the tests do). */
    @WithDefault("1s")
    String dispatchEvery();

    /** Webhooks one firm may register. */
    @WithDefault("10")
    int maxPerFirm();

    /**
     * Hosts that may resolve to loopback, link-local or private addresses (on-premise receivers, tests),
     * compared case-insensitively with the URL's host.
     */
    Optional<Set<String>> allowedHosts();

    /**
     * Receivers must use https (in production; dev and tests receive on plain http locally). A webhook
     * carries booking data and its signature: neither should cross a network in clear text.
     */
    @WithDefault("true")
    boolean requireHttps();

    /**
     * Ports a receiver may listen on besides the standard ones (443, and 80 where http is allowed), e.g.
     * an on-premise receiver on 8443. Anything else is refused: a webhook is not a port scanner.
     */
    Optional<Set<Integer>> allowedPorts();

    /** Dev mode and the tests deliver to local receivers on random ports. */
    @WithDefault("false")
    boolean anyPort();

    /** The longest one delivery may take, connection included; a slow receiver is cut off after it. */
    @WithDefault("PT5S")
    Duration timeout();

    /** Deliveries in flight at once per instance. */
    @WithDefault("16")
    int concurrency();

    /** Deliveries claimed per round. */
    @WithDefault("64")
    int batchSize();

    /** The wait after the first failed attempt; it doubles with every further failure. */
    @WithDefault("PT5S")
    Duration retryInitial();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration retryMax();

    /** After this time since the event a delivery that still fails is given up as FAILED. */
    @WithDefault("PT24H")
    Duration giveUpAfter();
}
