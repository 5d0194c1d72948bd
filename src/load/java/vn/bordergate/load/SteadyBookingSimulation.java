package vn.bordergate.load;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Steady bookings at a constant arrival rate (open model: new firms' requests arrive whether or not earlier ones
 * were answered, so a slow service shows as latency, not as a lower offered rate).
 *
 * <p>{@code -Drate=} bookings per second (default 20), {@code -Dduration=} seconds (60), {@code -Dramp=} seconds of
 * linear ramp-up before (0), {@code -Drandomized=} Poisson arrivals (true). Bookings spread over {@code -Dgates},
 * {@code -Ddays}, {@code -Dhours} and {@code -Dfirms} firms (200, tax codes 0100109106-001..-200), each with a new
 * truck, so neither slot capacity nor the per-firm quota (300 per gate and day) refuses them unless the target's
 * capacities are small: the bench raises them.
 */
public class SteadyBookingSimulation extends Simulation {

    static final String REQUEST = "book";

    private final Outcomes outcomes = new Outcomes("steady");
    private final double rate = LoadConfig.decimal("rate", 20);
    private final int duration = LoadConfig.integer("duration", 60);
    private final int ramp = LoadConfig.integer("ramp", 0);

    {
        List<String> gates = LoadConfig.gates();
        Tokens tokens = Tokens.load(LoadConfig.integer("firms", 200), gates);
        ScenarioBuilder steady = scenario("steady bookings")
                .exec(Api.spreadBooking(REQUEST, outcomes, tokens, new Trucks("BS"), gates, LoadConfig.days(),
                        LoadConfig.hours(), UnaryOperator.identity()));

        List<OpenInjectionStep> injection = new ArrayList<>();
        if (ramp > 0) {
            injection.add(rampUsersPerSec(1).to(rate).during(ramp));
        }
        OpenInjectionStep.ConstantRate.ConstantRateOpenInjectionStep constant = constantUsersPerSec(rate).during(duration);
        injection.add(LoadConfig.flag("randomized", true) ? constant.randomized() : constant);

        setUp(steady.injectOpen(injection)).protocols(Api.protocol())
                .assertions(details(REQUEST).failedRequests().percent().lt(LoadConfig.decimal("maxFailedPercent", 1.0)));
    }

    @Override
    public void before() {
        outcomes.meta("rate_per_s", Double.toString(rate));
        outcomes.meta("duration_s", Integer.toString(duration));
        outcomes.meta("ramp_s", Integer.toString(ramp));
        outcomes.start();
    }

    @Override
    public void after() {
        outcomes.write();
    }
}
