package vn.bordergate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A booking day opens: {@code -Dfirms} firms (200) each submit {@code -DperFirm} bookings (100) for one gate,
 * direction and day, all arriving within {@code -Dwithin} seconds (10; 0 = all at the same instant). Every request
 * has its own truck and Idempotency-Key; requests are spread over the day's slots that have room.
 *
 * <p>Before the burst the simulation reads the day's availability; the places found (or {@code -Dplaces}) are
 * the exact number of 201s expected. Every other answer must be a clean 409 (slot-full, quota-exceeded) or 429:
 * a 5xx or a missing answer fails the run. {@code -Dgate} (KIM_THANH), {@code -Ddirection} (EXPORT),
 * {@code -Dday} (3 = three days ahead, or an ISO date). The bench gives that gate-day 1,000 places through PUT /api/v1/gates/{code}/capacity.
 */
public class StampedeSimulation extends Simulation {

    static final String REQUEST = "book";

    private final Outcomes outcomes = new Outcomes("stampede");
    private final String gate = LoadConfig.string("gate", "KIM_THANH");
    private final String direction = LoadConfig.string("direction", "EXPORT");
    private final LocalDate day = LoadConfig.day(LoadConfig.string("day", "3"));
    private final int firms = LoadConfig.integer("firms", 200);
    private final int perFirm = LoadConfig.integer("perFirm", 100);
    private final int within = LoadConfig.integer("within", 10);
    private final List<String> slotStarts = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long expectedPlaces;

    {
        Tokens tokens = Tokens.load(firms, List.of(gate));
        Trucks trucks = new Trucks("BT");
        int total = firms * perFirm;
        ScenarioBuilder stampede = scenario("booking day opens").exec(session -> {
            outcomes.sending();
            long i = sequence.getAndIncrement();
            // Firms interleave: request i belongs to firm i mod N, so every firm is in the burst from the start.
            String plate = trucks.newPlate();
            String slot = slotStarts.get((int) (i % slotStarts.size()));
            return session.set(Api.AUTH, tokens.firm((int) (i % firms)))
                    .set(Api.BODY, Trucks.declaration(gate, direction, slot, plate));
        }).exec(Api.declare(REQUEST)).exec(session -> outcomes.record(REQUEST, session));

        setUp(stampede.injectOpen(within <= 0 ? atOnceUsers(total) : rampUsers(total).during(within)))
                .protocols(Api.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void before() {
        JsonNode slots = readSlots();
        long available = 0;
        for (JsonNode slot : slots) {
            if (slot.path("available").asLong() > 0) {
                slotStarts.add(slot.path("start").asText());
                available += slot.path("available").asLong();
            }
        }
        if (slotStarts.isEmpty()) {
            throw new IllegalStateException("no " + direction + " slot with room at " + gate + " on " + day
                    + ": give the gate-day capacity first (the bench does it through the capacity API) or choose -Dgate/-Dday");
        }
        expectedPlaces = LoadConfig.integer("places", (int) available);
        outcomes.meta("gate", gate);
        outcomes.meta("direction", direction);
        outcomes.meta("day", day.toString());
        outcomes.meta("requests", Integer.toString(firms * perFirm));
        outcomes.meta("firms", Integer.toString(firms));
        outcomes.meta("within_s", Integer.toString(within));
        outcomes.meta("slots_with_room", Integer.toString(slotStarts.size()));
        outcomes.meta("places_available_before", Long.toString(available));
        outcomes.meta("expected_accepted", Long.toString(expectedPlaces));
        System.out.printf("stampede: %d requests from %d firms within %d s for %d places in %d slots of %s %s %s%n",
                firms * perFirm, firms, within, expectedPlaces, slotStarts.size(), gate, direction, day);
        outcomes.start();
    }

    @Override
    public void after() {
        long accepted = outcomes.count(REQUEST, 201);
        outcomes.meta("accepted", Long.toString(accepted));
        outcomes.meta("exact", Boolean.toString(accepted == expectedPlaces));
        outcomes.write();
        System.out.printf("stampede: %d accepted of %d places expected: %s%n", accepted, expectedPlaces,
                accepted == expectedPlaces ? "EXACT" : "NOT EXACT");
    }

    private JsonNode readSlots() {
        URI uri = URI.create(LoadConfig.baseUrl() + "/api/v1/gates/" + gate + "/slots?direction=" + direction + "&date=" + day);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read availability at " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
