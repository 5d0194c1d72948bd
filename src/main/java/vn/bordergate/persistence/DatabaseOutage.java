package vn.bordergate.persistence;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Tells a PostgreSQL outage (restart, failover, network cut) from an answer of PostgreSQL. An outage is
 * answered 503 + Retry-After, never 500; and a write lost with its connection may still have committed,
 * which decides whether a claim may be given back.
 */
public final class DatabaseOutage {

    /** Seconds a client should wait before retrying: about one PostgreSQL restart. */
    public static final int RETRY_AFTER_SECONDS = 3;

    // Refused before any statement ran: starting up or shutting down, no connection slot, cannot connect.
    private static final Set<String> NOT_SENT = Set.of("57P03", "53300", "08001", "08004");
    // The session ended under a running statement: terminated by an admin, crash, or a broken link.
    private static final Set<String> LOST = Set.of("57P01", "57P02", "08000", "08003", "08006");

    private DatabaseOutage() {
    }

    /** The statement never reached PostgreSQL: nothing of it was written. */
    public static boolean notSent(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof ConnectException || e instanceof PgException pg && NOT_SENT.contains(pg.getSqlState())) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }

    /** The connection was lost while the statement ran: it may or may not have committed. */
    public static boolean outcomeUnknown(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof ClosedConnectionException || e instanceof PgException pg && LOST.contains(pg.getSqlState())
                    || e instanceof IOException && !(e instanceof ConnectException)) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }

    public static boolean any(Throwable failure) {
        return notSent(failure) || outcomeUnknown(failure);
    }
}
