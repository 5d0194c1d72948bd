package vn.bordergate.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a change in one PostgreSQL transaction and, only once it has committed, hands what the change
 * asked to announce to whoever announces it. A subscriber therefore never hears of a change that was
 * rolled back, and the announcing side (e.g. live events) need not be known here.
 */
@ApplicationScoped
public class Transactions {

    /** Receives, once per committed transaction, everything that transaction queued for it. */
    @FunctionalInterface
    public interface AfterCommit<T> {
        Uni<Void> committed(List<T> items);
    }

    private final Pool pool;
    private final Map<SqlConnection, Queued> open = Collections.synchronizedMap(new IdentityHashMap<>());

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        Queued queued = new Queued();
        return pool.withTransaction(conn -> {
                    open.put(conn, queued);
                    return work.apply(conn).eventually(() -> open.remove(conn));
                })
                .call(queued::deliver);
    }

    /**
     * Runs {@code work} in a transaction that is always rolled back: a rehearsal that sees exactly what the
     * real change would (same locks, same rows) and leaves nothing behind. Nothing is announced.
     */
    public <T> Uni<T> rehearse(Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(conn -> conn.begin().chain(tx -> work.apply(conn)
                .onTermination().call(tx::rollback)));
    }

    /**
     * Queues {@code item} for {@code receiver} if {@code conn} runs a change started by {@link #run};
     * a write on any other connection is not announced.
     */
    public <T> void afterCommit(SqlConnection conn, AfterCommit<T> receiver, T item) {
        Queued queued = open.get(conn);
        if (queued != null) {
            queued.add(receiver, item);
        }
    }

    private static final class Queued {
        private final Map<AfterCommit<?>, List<Object>> byReceiver = new LinkedHashMap<>();

        synchronized void add(AfterCommit<?> receiver, Object item) {
            byReceiver.computeIfAbsent(receiver, r -> new ArrayList<>()).add(item);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        synchronized Uni<Void> deliver() {
            if (byReceiver.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> deliveries = new ArrayList<>();
            byReceiver.forEach((receiver, items) -> deliveries.add(((AfterCommit) receiver).committed(List.copyOf(items))));
            return Multi.createFrom().iterable(deliveries).onItem().transformToUniAndConcatenate(u -> u)
                    .collect().last().replaceWithVoid();
        }
    }
}
