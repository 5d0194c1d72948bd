package vn.bordergate.yard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Rules of the waiting yard and the call-up ({@code bordergate.yard.*}). */
@ConfigMapping(prefix = "bordergate.yard")
public interface YardConfig {

    /** Check-in opens this long before the slot starts. */
    @WithDefault("PT30M")
    Duration checkInEarly();

    /** Check-in stays open this long after the slot ends. */
    @WithDefault("PT30M")
    Duration checkInLate();

    /** A called truck must be at the gate within this time (GoSwift's 20-minute rule). */
    @WithDefault("PT20M")
    Duration callDeadline();

    /** A booking not checked in by slot end + this grace becomes NO_SHOW and frees its place. */
    @WithDefault("PT30M")
    Duration noShowGrace();

    /** HMAC key of the QR tokens; in production set BORDERGATE_YARD_QR_SECRET (32+ random bytes). */
    String qrSecret();

    /** How long a QR token stays valid after it is issued. */
    @WithDefault("PT12H")
    Duration qrValidity();

    /** How often the call-deadline and no-show sweeps run ({@code off} disables them, as the tests do). */
    @WithDefault("15s")
    String sweepEvery();
}
