package vn.bordergate.persistence;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for one hot write statement. A write waits for no timer: while fewer than
 * {@code maxInFlight} batches are being written it goes at once, alone, exactly as an autocommit statement.
 * Writes that arrive while all are busy wait for the next free one and go together, in one transaction:
 * one commit (one WAL flush) and one round trip for up to {@code maxBatch} of them. So batches grow only
 * when writes queue anyway, and a lone write at low load waits for nothing.
 * <p>
 * A batch is all or nothing: when one of its statements fails (a unique key, a lost connection), the
 * transaction is rolled back and each write of the batch is run again alone, so each gets its own answer.
 * Every answer is delivered on the Vert.x context of the request that asked.
 */
public final class GroupCommit {

    // trace: the request's tracing context; a write sent alone is sent in it, a batch's span links to it.
    private record Pending(Tuple values, UniEmitter<? super RowSet<Row>> answer, Context context,
                           io.opentelemetry.context.Context trace) {
    }

    private final Pool pool;
    private final String sql;
    private final int maxBatch;
    private final int maxInFlight;
    private final Tracer tracer;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private long batches;
    private long batchedWrites;

    public GroupCommit(Pool pool, String sql, int maxBatch, int maxInFlight, Tracer tracer) {
        this.pool = pool;
        this.tracer = tracer;
        this.sql = sql;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /** Runs the statement with {@code values}, alone or in a batch; the row set is this write's own. */
    public Uni<RowSet<Row>> execute(Tuple values) {
        return Uni.createFrom().emitter(answer -> {
            List<Pending> batch;
            synchronized (waiting) {
                waiting.add(new Pending(values, answer, Vertx.currentContext(), io.opentelemetry.context.Context.current()));
                batch = takeBatch();
            }
            if (batch != null) {
                write(batch);
            }
        });
    }

    /** Writes that went in a batch of more than one, and those batches: how much grouping the load brought. */
    public long[] grouped() {
        synchronized (waiting) {
            return new long[]{batchedWrites, batches};
        }
    }

    // Called holding the lock: the next batch to write, or null when all writers are busy or none waits.
    private List<Pending> takeBatch() {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
            return null;
        }
        inFlight++;
        List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
        while (!waiting.isEmpty() && batch.size() < maxBatch) {
            batch.add(waiting.poll());
        }
        if (batch.size() > 1) {
            batches++;
            batchedWrites += batch.size();
        }
        return batch;
    }

    /**
     * Sends a batch, subscribed in the trace it belongs to: a write sent alone in its own request's (it may be
     * sent from another request's completion), a batch in its own span, so the SQL client's spans land there.
     */
    private void write(List<Pending> batch) {
        boolean alone = batch.size() == 1;
        Span grouped = alone ? null : groupSpan(batch);
        io.opentelemetry.context.Context trace = alone ? batch.get(0).trace()
                : io.opentelemetry.context.Context.root().with(grouped);
        try (Scope ignored = trace.makeCurrent()) {
            Uni<Void> written = alone ? alone(batch.get(0)) : together(batch).onTermination().invoke(grouped::end);
            written.subscribe().with(done -> next(), failed -> next());
        }
    }

    private void next() {
        List<Pending> batch;
        synchronized (waiting) {
            inFlight--;
            batch = takeBatch();
        }
        if (batch != null) {
            write(batch);
        }
    }

    private Uni<Void> alone(Pending write) {
        return pool.preparedQuery(sql).execute(write.values())
                .onItemOrFailure().invoke((rows, failure) -> answer(write, rows, failure))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * A batch's span stands apart from the requests' traces (it serves several) and links to each of them, so
     * an operator following one booking finds the batch it was written in, and its size.
     */
    private Span groupSpan(List<Pending> batch) {
        SpanBuilder grouped = tracer.spanBuilder("group commit").setNoParent().setAttribute("bordergate.batch_size", batch.size());
        batch.forEach(write -> {
            SpanContext asked = Span.fromContext(write.trace()).getSpanContext();
            if (asked.isValid()) {
                grouped.addLink(asked);
            }
        });
        return grouped.startSpan();
    }

    /** A batch in one transaction. */
    private Uni<Void> together(List<Pending> batch) {
        List<Tuple> values = batch.stream().map(Pending::values).toList();
        return pool.withTransaction(conn -> conn.preparedQuery(sql).executeBatch(values))
                .onItem().invoke(first -> {
                    RowSet<Row> rows = first;
                    for (Pending write : batch) {
                        answer(write, rows, null);
                        rows = rows.next();
                    }
                })
                .replaceWithVoid()
                // One failed and took the batch with it: each again alone, for its own answer.
                .onFailure().recoverWithUni(failure -> Uni.join().all(batch.stream().map(this::alone).toList())
                        .andCollectFailures().replaceWithVoid());
    }

    private static void answer(Pending write, RowSet<Row> rows, Throwable failure) {
        Runnable deliver = failure == null ? () -> write.answer().complete(rows) : () -> write.answer().fail(failure);
        if (write.context() == null || write.context() == Vertx.currentContext()) {
            deliver.run();
        } else {
            write.context().runOnContext(ignored -> deliver.run());
        }
    }
}
