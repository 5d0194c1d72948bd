package vn.bordergate.persistence;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where reads go that may be a second behind the primary (a firm's listing, a gate's statistics): a
 * streaming replica when {@code bordergate.read-replica.url} is set, so they take no connection and no CPU
 * from bookings on the primary; else the primary. A replica that cannot answer (down, promoted away,
 * recovering) never fails the read: it is asked of the primary instead.
 * <p>
 * Reads that decide something (a booking, a state change, the held places) and reads a client expects to
 * see its own change in at once (a declaration by id, its stream) always go to the primary. So does the
 * public board: it is rebuilt when an event arrives, and a replica that had not yet replayed that event
 * would show the board from before it until the next event.
 */
@ApplicationScoped
public class StaleReads {

    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final Pool primary;
    private final Pool replica;
    private final AtomicLong lastFallbackLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public StaleReads(Pool primary, Vertx vertx, ReadReplicaConfig config) {
        this.primary = primary;
        this.replica = config.url().map(url -> replicaPool(vertx, config, url)).orElse(null);
        if (replica != null) {
            Log.infof("listings and statistics read from the replica at %s", config.url().get());
        }
    }

    /** Whether a replica is configured. */
    public boolean replicated() {
        return replica != null;
    }

    /** Runs {@code query} on the replica, or on the primary when there is none or it failed. */
    public <T> Uni<T> read(Function<Pool, Uni<T>> query) {
        if (replica == null) {
            return query.apply(primary);
        }
        return Uni.createFrom().deferred(() -> query.apply(replica))
                .onFailure().recoverWithUni(failure -> {
                    long now = System.nanoTime();
                    long last = lastFallbackLogged.get();
                    if (now - last > LOG_EVERY_NANOS && lastFallbackLogged.compareAndSet(last, now)) {
                        Log.warnf("read replica failed (%s); reading from the primary", failure.toString());
                    }
                    return query.apply(primary);
                });
    }

    void close(@Observes ShutdownEvent stop) {
        if (replica != null) {
            replica.closeAndForget();
        }
    }

    private static Pool replicaPool(Vertx vertx, ReadReplicaConfig config, String url) {
        var settings = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(url)
                .setUser(config.username().orElseGet(() ->
                        settings.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres")))
                .setPassword(config.password().orElseGet(() ->
                        settings.getOptionalValue("quarkus.datasource.password", String.class).orElse("")));
        // A replica host that is gone must not hold a read for the default minute before the primary answers.
        options.setConnectTimeout(2_000);
        io.vertx.sqlclient.Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.maxSize()))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build();
        return Pool.newInstance(pool);
    }
}
