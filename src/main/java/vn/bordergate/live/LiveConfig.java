package vn.bordergate.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Live streams ({@code bordergate.live.*}). */
@ConfigMapping(prefix = "bordergate.live")
public interface LiveConfig {

    /** A comment line sent this often keeps proxies from closing an idle stream and shows the client it is alive. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** The public board stream sends at most one new board per this interval, however busy the gate. */
    @WithDefault("PT1S")
    Duration boardThrottle();

    /**
     * Each instance sends itself a probe on the events channel this often; when none has come back for
     * three intervals the subscription is taken as lost (health DOWN) and made again.
     */
    @WithDefault("PT1S")
    Duration subscriptionProbe();
}
