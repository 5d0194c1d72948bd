package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.CargoCategory;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.Priority;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.inject.Vetoed;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.FullSlots;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotAvailability;
import vn.bordergate.slot.SlotLedger;
import vn.bordergate.slot.SlotView;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hand-written stand-ins for what {@link Booking} talks to (the Redis ledger, PostgreSQL, the fallback),
 * each answering as a test scripts it and recording what it was asked; plus a gate and a draft to book.
 * Vetoed, so that the Quarkus tests, which index test classes too, never take them for beans.
 */
final class BookingFakes {

    static final LocalDate DAY = LocalDate.of(2026, 11, 29);
    static final Slot EIGHT = slot(8);
    static final Slot NINE = slot(9);
    static final int QUOTA = 300;
    static final int RETRY_AFTER = 2;

    private BookingFakes() {
    }

    static Slot slot(int hour) {
        OffsetDateTime start = DAY.atTime(LocalTime.of(hour, 0)).atOffset(ZoneOffset.ofHours(7));
        return new Slot(start, start.plusHours(1));
    }

    static Gate gate() {
        Gate gate = new Gate();
        gate.code = "HUU_NGHI";
        gate.referencePrefix = "HN";
        gate.timeZone = "Asia/Ho_Chi_Minh";
        gate.exportCapacity = 40;
        gate.importCapacity = 40;
        return gate;
    }

    /** A new declaration as DeclarationService hands it to Booking: no slot or queue number yet. */
    static Declaration draft() {
        return new Declaration(UUID.randomUUID(), null, "HUU_NGHI", Direction.EXPORT, null, DeclarationStatus.BOOKED,
                Priority.PERISHABLE, 0, 0, "0100109106", "29C12345", "+84912345678",
                new Vehicle("29C-123.45", null, "VN", null), new Driver("Nguyễn Văn Ánh", "001099012345", "+84912345678"),
                new Cargo(CargoCategory.FRESH_FRUIT, "Thanh long ruột đỏ", "081090", BigDecimal.valueOf(18500),
                        List.of(), List.of(), null), null, "firm-0100109106", null, null);
    }

    static Caller firm() {
        JsonWebToken jwt = (JsonWebToken) Proxy.newProxyInstance(BookingFakes.class.getClassLoader(),
                new Class<?>[]{JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSubject", "getName" -> "firm-0100109106";
                    case "getGroups" -> Set.of("enterprise");
                    case "getClaim" -> "tax_code".equals(args[0]) ? "0100109106" : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        return new Caller(QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("enterprise").build());
    }

    static IdempotencyStore.Key idempotencyKey() {
        return new IdempotencyStore.Key("firm-0100109106", UUID.randomUUID().toString(), "hash");
    }

    static Claim admitted(String epoch, int queueNumber) {
        return new Claim(Claim.Outcome.ADMITTED, epoch, queueNumber);
    }

    static Claim answer(Claim.Outcome outcome) {
        return new Claim(outcome, outcome == Claim.Outcome.LEDGER_MISSING ? null : "e1",
                outcome == Claim.Outcome.HELD ? 5 : 0);
    }

    /** A unique-key violation as PostgreSQL reports it, naming {@code constraint}. */
    static PgException uniqueViolation(String constraint) {
        return new PgException("duplicate key value violates unique constraint \"" + constraint + "\"", "ERROR",
                "23505", null, null, null, null, null, null, null, null, null, "public", "declarations", null, null,
                constraint);
    }

    static AdmissionConfig config(Duration redisTimeout) {
        return new AdmissionConfig() {
            public int firmDailyQuota() {
                return QUOTA;
            }

            public Map<String, Integer> firmDailyQuotaByGate() {
                return Map.of();
            }

            public Duration redisTimeout() {
                return redisTimeout;
            }

            public Duration fallbackLockTimeout() {
                return Duration.ofSeconds(2);
            }

            public int maxBookingsInFlight() {
                return 128;
            }

            public int maxBookingsInFlightPerFirm() {
                return 32;
            }

            public Duration maxQueueWait() {
                return Duration.ofSeconds(1);
            }

            public int maxQueued() {
                return 4096;
            }

            public Duration bodyTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration fullSlotMemory() {
                return Duration.ZERO;
            }

            public int bookingWriters() {
                return 0;
            }

            public int bookingWriteBatch() {
                return 1;
            }

            public int retryAfterSeconds() {
                return RETRY_AFTER;
            }

            public String reconcileEvery() {
                return "off";
            }
        };
    }

    /** One claim Booking made. */
    record Claimed(LedgerKey key, Holding holding, int quota, Claim.Purpose purpose, UUID attempt) {
    }

    /** One place Booking gave back: in which ledger generation, and which claim attempt counted it. */
    record GivenBack(Holding holding, String epoch, UUID attempt) {
    }

    /** The Redis ledger: answers claims from a script (the last answer repeats) and records every call. */
    @Vetoed
    static final class Ledger extends SlotLedger {
        private final List<Supplier<Uni<Claim>>> script = new ArrayList<>();
        final List<Claimed> claims = new ArrayList<>();
        final List<GivenBack> givenBack = new ArrayList<>();
        final List<String> invalidated = new ArrayList<>();

        Ledger() {
            super(null, FullSlots.off());
        }

        Ledger answers(Claim... claims) {
            for (Claim claim : claims) {
                script.add(() -> Uni.createFrom().item(claim));
            }
            return this;
        }

        Ledger failsWith(Throwable failure) {
            script.add(() -> Uni.createFrom().failure(failure));
            return this;
        }

        Ledger neverAnswers() {
            script.add(() -> Uni.createFrom().nothing());
            return this;
        }

        @Override
        public Uni<Claim> claim(LedgerKey ledger, Holding wanted, int firmQuota, Claim.Purpose purpose, UUID attempt) {
            claims.add(new Claimed(ledger, wanted, firmQuota, purpose, attempt));
            return script.get(Math.min(claims.size(), script.size()) - 1).get();
        }

        @Override
        public Uni<Boolean> giveBack(LedgerKey ledger, Holding held, String expectedEpoch, UUID attempt) {
            givenBack.add(new GivenBack(held, expectedEpoch, attempt));
            return Uni.createFrom().item(true);
        }

        @Override
        public Uni<Void> invalidate(LedgerKey ledger, String staleEpoch) {
            invalidated.add(staleEpoch);
            return Uni.createFrom().voidItem();
        }
    }

    /** Rebuilding a ledger from PostgreSQL: only counted. */
    @Vetoed
    static final class Rebuild extends LedgerRebuild {
        int rebuilds;

        Rebuild() {
            super(null, null, null, null, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        }

        @Override
        public Uni<Void> rebuildIfMissing(Gate gate, LocalDate day) {
            rebuilds++;
            return Uni.createFrom().voidItem();
        }
    }

    /** The next slots with room, named in a slot-full refusal: always the nine o'clock slot. */
    @Vetoed
    static final class Availability extends SlotAvailability {
        Availability() {
            super(null, null, null);
        }

        @Override
        public Uni<List<SlotView>> nextWithRoom(Gate gate, Direction direction, Slot except, int limit) {
            return Uni.createFrom().item(List.of(new SlotView(NINE.start(), NINE.end(), 40, 12, 28)));
        }
    }

    /** One fenced write Booking asked for: the row, and the ledger generation that admitted it. */
    record Write(Declaration declaration, String epoch) {
    }

    /**
     * PostgreSQL's booking write: by default the row commits; a script can fence writes out (null, the
     * admitting ledger was replaced) or fail them.
     */
    @Vetoed
    static final class Declarations extends BookingStatements {
        private final List<Function<Declaration, Uni<Booked>>> script = new ArrayList<>();
        final List<Write> writes = new ArrayList<>();

        Declarations() {
            super(null, null, config(Duration.ofSeconds(1)), io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
        }

        Declarations fencedOut() {
            script.add(d -> Uni.createFrom().nullItem());
            return this;
        }

        Declarations failsWith(Throwable failure) {
            script.add(d -> Uni.createFrom().failure(failure));
            return this;
        }

        Declarations commits() {
            script.add(d -> Uni.createFrom().item(new Booked(d.stored("HN-20261129-000001", 1, DeclarationStatus.BOOKED,
                    OffsetDateTime.now(), OffsetDateTime.now()), writes.size())));
            return this;
        }

        @Override
        public Uni<Booked> book(Declaration d, String referencePrefix, String epoch, ChainedEvent first,
                                IdempotencyStore.Key idempotency) {
            writes.add(new Write(d, epoch));
            if (script.isEmpty()) {
                commits();
            }
            return script.get(Math.min(writes.size(), script.size()) - 1).apply(d);
        }
    }

    /** The audit trail, asked only to prepare the first event's chain fields. */
    @Vetoed
    static final class Audit extends AuditTrail {
        Audit() {
            super(null, null, null, null, events -> Uni.createFrom().voidItem());
        }

        @Override
        public PreparedFirst prepareFirst(DeclarationEvent e) {
            return new PreparedFirst(null, OffsetDateTime.now(), "genesis", "hash");
        }
    }

    /** Booking decided by PostgreSQL alone while Redis is unreachable: admits, and records what it was given. */
    @Vetoed
    static final class Fallback extends FallbackBooking {
        final List<Integer> quotas = new ArrayList<>();

        Fallback() {
            super(null, null, null, null, null);
        }

        @Override
        public Uni<Declaration> book(Gate gate, Declaration draft, int quota, Caller caller, IdempotencyStore.Key idempotency) {
            quotas.add(quota);
            return Uni.createFrom().item(draft.withSlot(draft.slot(), 1).stored("HN-20261129-000002", 1,
                    DeclarationStatus.BOOKED, OffsetDateTime.now(), OffsetDateTime.now()));
        }
    }

    /** Live events: only recorded. */
    @Vetoed
    static final class Live extends LiveEvents {
        final List<LiveEvent> published = new ArrayList<>();

        Live() {
            super((ReactiveRedisDataSource) Proxy.newProxyInstance(BookingFakes.class.getClassLoader(),
                    new Class<?>[]{ReactiveRedisDataSource.class}, (proxy, method, args) -> null), null, null, null);
        }

        @Override
        public Uni<Void> publish(List<LiveEvent> events) {
            published.addAll(events);
            return Uni.createFrom().voidItem();
        }
    }
}
