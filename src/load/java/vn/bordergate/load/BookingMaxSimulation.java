package vn.bordergate.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The most bookings per second the service completes with {@code -Dclients} (16) requests always in flight: a
 * closed model on purpose, the same shape as {@code pgbench -c 16}, so the two throughputs compare as a ratio.
 * The bench runs it first and then runs {@link SteadyBookingSimulation} at half the rate found here.
 *
 * <p>{@code -Dclients}, {@code -Dduration} (seconds, 20), {@code -Dname} (max: the name of its outcome and id files; the
 * bench's JIT warm-up runs it as {@code warmup}, so its 201s are checked too instead of being overwritten by the
 * measured run's), and the spread knobs of the steady scenario.
 */
public class BookingMaxSimulation extends Simulation {

    private final Outcomes outcomes = new Outcomes(LoadConfig.string("name", "max"));
    private final int clients = LoadConfig.integer("clients", 16);
    private final int duration = LoadConfig.integer("duration", 20);

    {
        List<String> gates = LoadConfig.gates();
        Tokens tokens = Tokens.load(LoadConfig.integer("firms", 200), gates);
        ScenarioBuilder max = scenario("bookings at fixed concurrency")
                .exec(Api.spreadBooking(SteadyBookingSimulation.REQUEST, outcomes, tokens, new Trucks("BM"), gates,
                        LoadConfig.days(), LoadConfig.hours(), UnaryOperator.identity()));
        setUp(max.injectClosed(constantConcurrentUsers(clients).during(duration))).protocols(Api.protocol());
    }

    @Override
    public void before() {
        outcomes.meta("clients", Integer.toString(clients));
        outcomes.meta("duration_s", Integer.toString(duration));
        outcomes.start();
    }

    @Override
    public void after() {
        outcomes.write();
    }
}
