package vn.bordergate.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import vn.bordergate.capacitychange.CapacityChangeResult;
import vn.bordergate.capacitychange.CapacityRequest;
import vn.bordergate.gate.Closure;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateView;
import vn.bordergate.security.Roles;
import vn.bordergate.slot.SlotView;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The service's HTTP API as the bench uses it, with the service's own request and answer types
 * ({@link GateView}, {@link SlotView}, {@link CapacityRequest}, {@link CapacityChangeResult}).
 * Calls that need a role carry an admin token signed here with the run's private key.
 */
final class BenchApi {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // As the service's JsonSettings: a slot at 08:00+07:00 stays 08:00+07:00.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String adminToken;

    private BenchApi(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.adminToken = adminToken;
    }

    /**
     * An API client with an admin token: {@code ADMIN_TOKEN} from the environment when set (a service that trusts
     * another issuer), else one signed here with {@code privateKeyPem} for the given issuer and audience.
     */
    static BenchApi signedBy(String baseUrl, Path privateKeyPem, String issuer, String audience) {
        String given = System.getenv("ADMIN_TOKEN");
        if (given != null && !given.isBlank()) {
            return new BenchApi(baseUrl, given.strip());
        }
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(privateKeyPem));
            // An admin works at every gate (Caller.worksAt); the capacity resource allows admins and gate supervisors.
            String token = Jwt.issuer(issuer).audience(audience).subject("bench-admin").groups(Set.of(Roles.ADMIN))
                    .expiresIn(Duration.ofMinutes(30)).sign(key);
            return new BenchApi(baseUrl, token);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + privateKeyPem, e);
        }
    }

    /** The gates, as the service's own {@link Gate} type (see {@link #gate(GateView)}). */
    List<Gate> gates() {
        List<GateView> views = get("/api/v1/gates", new TypeReference<>() {
        });
        return views.stream().map(BenchApi::gate).toList();
    }

    /**
     * The service's {@link Gate} for a gate the API showed: its weekly hours through {@link Gate#setWeek}, its
     * closures in force, and every other field the view carries. The result is turned back into a view with the
     * service's {@link GateView#of}: a field the bench does not carry over (a new one, say) makes that view differ
     * and stops the run here, naming both, instead of failing later inside the schedule on a field left null.
     */
    static Gate gate(GateView view) {
        Gate gate = new Gate();
        gate.code = view.code();
        gate.name = view.name();
        gate.provinceCode = view.provinceCode();
        gate.province = view.province();
        gate.referencePrefix = view.referencePrefix();
        gate.international = view.international();
        gate.active = view.active();
        gate.timeZone = view.timeZone();
        gate.setWeek(view.openingHours());
        // As the service stored them (setWeek works out the same span from the week).
        gate.opensAt = view.opensAt();
        gate.closesAt = view.closesAt();
        gate.slotMinutes = view.slotMinutes();
        gate.bookingHorizonDays = view.bookingHorizonDays();
        gate.bookingOpensAt = view.bookingOpensAt();
        gate.exportCapacity = view.exportCapacity();
        gate.importCapacity = view.importCapacity();
        gate.setClosures(view.closures().stream().map(c -> {
            Closure closure = new Closure();
            closure.id = c.id();
            closure.gateCode = view.code();
            closure.startsAt = c.from();
            closure.endsAt = c.to();
            closure.reasonVi = c.reasonVi();
            closure.reasonEn = c.reasonEn();
            return closure;
        }).toList());
        GateView back = GateView.of(gate);
        if (!back.equals(view)) {
            throw new IllegalStateException("the bench's Gate " + view.code() + " is not the gate the API showed "
                    + "(BenchApi.gate misses a field of GateView):\n  API:   " + view + "\n  bench: " + back);
        }
        return gate;
    }

    List<SlotView> slots(String gateCode, Direction direction, LocalDate day) {
        return get("/api/v1/gates/" + gateCode + "/slots?direction=" + direction + "&date=" + day, new TypeReference<>() {
        });
    }

    /** {@code PUT /api/v1/gates/{code}/capacity}; any answer but 200 is an error naming the status and body. */
    CapacityChangeResult setCapacity(String gateCode, CapacityRequest request) {
        try {
            HttpRequest put = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/gates/" + gateCode + "/capacity"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                    .build();
            return JSON.readValue(send(put), CapacityChangeResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("PUT capacity of " + gateCode + ": " + e, e);
        }
    }

    private <T> T get(String path, TypeReference<T> type) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return JSON.readValue(send(get), type);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    private String send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
