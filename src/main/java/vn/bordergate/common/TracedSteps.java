package vn.bordergate.common;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The steps of a request as spans of its trace (the slot claim, the booking's write, the live event), made
 * only when the request is sampled. An unsampled request, nineteen in twenty, pays one look at its span and
 * nothing else: the per-command spans of the Redis and SQL clients cost about a millisecond of CPU per booking
 * even unsampled, so they are off unless an operator turns them on (docs/OPERATIONS.md, "Traces").
 */
@ApplicationScoped
public class TracedSteps {

    private final Tracer tracer;

    public TracedSteps(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Steps that are never traced (unit tests of the code around them). */
    public static TracedSteps none() {
        return new TracedSteps(OpenTelemetry.noop().getTracer("none"));
    }

    /**
     * Runs {@code step}, in a span named {@code name} under the request's when the request is sampled;
     * {@code system} is the store it talks to ({@code db.system}: redis, postgresql).
     */
    public <T> Uni<T> step(String name, String system, Supplier<Uni<T>> step) {
        if (!Span.current().getSpanContext().isSampled()) {
            return step.get();
        }
        Span span = tracer.spanBuilder(name).setAttribute("db.system", system).startSpan();
        Uni<T> work;
        try (Scope ignored = span.makeCurrent()) {
            work = step.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.toString());
            span.end();
            throw e;
        }
        return work.onItemOrFailure().invoke((item, failure) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        }).onCancellation().invoke(span::end);
    }
}
