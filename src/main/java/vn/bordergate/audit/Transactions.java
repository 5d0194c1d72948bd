package vn.bordergate.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a change in a PostgreSQL transaction and announces the audit events it wrote only after it
 * committed: a live subscriber never hears of a change that was rolled back.
 */
@ApplicationScoped
public class Transactions {

    private final Pool pool;
    private final LiveEvents live;
    private final Map<SqlConnection, List<LiveEvent>> written = Collections.synchronizedMap(new IdentityHashMap<>());

    public Transactions(Pool pool, LiveEvents live) {
        this.pool = pool;
        this.live = live;
    }

    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        List<LiveEvent> events = Collections.synchronizedList(new ArrayList<>());
        return pool.withTransaction(conn -> {
                    written.put(conn, events);
                    return work.apply(conn).eventually(() -> written.remove(conn));
                })
                .call(() -> events.isEmpty() ? Uni.createFrom().voidItem() : live.publish(List.copyOf(events)));
    }

    /** Called by the audit trail for each event written on {@code conn}. */
    void written(SqlConnection conn, DeclarationEvent event) {
        List<LiveEvent> events = written.get(conn);
        if (events != null) {
            events.add(LiveEvent.of(event));
        }
    }
}
