package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.Drafts;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.persistence.LuaScript;
import vn.bordergate.declaration.DeclarationValidator;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.LedgerKeeper;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotLedger;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness of the booking path: an instance takes traffic only once the first burst it meets would be
 * answered like the fiftieth. At start-up it loads every Lua script into Redis, waits for the first ledger
 * check, and books {@value #REHEARSALS} synthetic trucks end to end without keeping any: a token verified
 * (signed by a key made for the rehearsal, so the RS256 check runs as for a firm's), the body parsed and
 * validated, a claim and its give-back on a ledger no gate uses, and the booking's write sent to PostgreSQL
 * under an epoch no ledger has, so the fence lets nothing in. That opens the pools, prepares the statements
 * and gets the JIT going on the code the burst will run.
 * <p>
 * A rehearsal that fails (Redis or PostgreSQL still down) does not keep the instance out: it takes traffic
 * cold rather than not at all, and says so in its log.
 */
@Readiness
@ApplicationScoped
public class BookingRehearsal implements HealthCheck {

    static final int REHEARSALS = 400;
    private static final int AT_ONCE = 16;
    private static final String NO_LEDGER_EPOCH = "rehearsal-never-a-ledger-epoch";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ACTOR = "booking-rehearsal";
    private static final String FIRM = "0100109106";

    private final ReactiveRedisDataSource redis;
    private final SlotLedger ledger;
    private final LedgerKeeper keeper;
    private final GateCatalog gates;
    private final BookingStatements declarations;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final JWTParser tokens;
    private volatile boolean rehearsed;

    public BookingRehearsal(ReactiveRedisDataSource redis, SlotLedger ledger, LedgerKeeper keeper, GateCatalog gates,
                            BookingStatements declarations, AuditTrail audit, ObjectMapper json,
                            JWTParser tokens) {
        this.tokens = tokens;
        this.redis = redis;
        this.ledger = ledger;
        this.keeper = keeper;
        this.gates = gates;
        this.declarations = declarations;
        this.audit = audit;
        this.json = json;
    }

    void onStart(@Observes StartupEvent start) {
        long began = System.nanoTime();
        rehearse().subscribe().with(
                done -> {
                    rehearsed = true;
                    Log.infof("booking path rehearsed (%d synthetic bookings) in %d ms", REHEARSALS,
                            (System.nanoTime() - began) / 1_000_000);
                },
                failure -> {
                    rehearsed = true;
                    Log.warnf("booking path not rehearsed (%s): taking traffic cold", failure.toString());
                });
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("booking-path-rehearsed").status(rehearsed).build();
    }

    Uni<Void> rehearse() {
        LedgerKey hidden = new LedgerKey("~REHEARSAL-" + UUID.randomUUID(), LocalDate.of(2000, 1, 1));
        Slot slot = new Slot(hidden.day().atTime(LocalTime.NOON).atZone(VIETNAM).toOffsetDateTime(),
                hidden.day().atTime(13, 0).atZone(VIETNAM).toOffsetDateTime());
        return LuaScript.loadAll(redis)
                .onFailure().invoke(e -> Log.warnf("Lua scripts not loaded ahead: %s", e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> firstLedgerCheck())
                .chain(() -> ledger.loadRehearsal(hidden, LedgerKey.slotField(
                        Direction.EXPORT, slot), REHEARSALS))
                .chain(() -> gates.all())
                .chain(all -> Multi.createFrom().range(0, REHEARSALS)
                        .onItem().transformToUni(i -> verifyToken(i)
                                .chain(() -> once(all.get(i % all.size()), hidden, slot, i))
                                .onFailure().recoverWithNull())
                        .merge(AT_ONCE)
                        .collect().last())
                .replaceWithVoid();
    }

    private final KeyPair rehearsalKeys = newKeyPair();
    // Signing is not what a firm's request costs the service: a few tokens, each verified many times.
    private final Map<Integer, String> rehearsalTokens = new ConcurrentHashMap<>();

    /** Verifies a token of a firm seen for the first time, as the opening burst brings thousands of them. */
    private Uni<Void> verifyToken(int n) {
        return Uni.createFrom().item(() -> {
            String token = rehearsalTokens.computeIfAbsent(n % 16, firm -> Jwt
                    .issuer("https://rehearsal.invalid").subject("firm-" + firm)
                    .claim("tax_code", String.format("%010d", firm)).groups("enterprise").expiresIn(600)
                    .sign(rehearsalKeys.getPrivate()));
            try {
                tokens.verify(token, rehearsalKeys.getPublic());
            } catch (ParseException expected) {
                // Issuer and audience are not this service's: refused after the signature was checked, as meant.
            }
            return null;
        }).replaceWithVoid();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most a minute) for the ledger check that runs at start-up. */
    private Uni<Void> firstLedgerCheck() {
        if (keeper.checkedOnce()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().ticks().every(Duration.ofMillis(50)).select().where(tick -> keeper.checkedOnce())
                .toUni().ifNoItem().after(Duration.ofMinutes(1)).recoverWithItem(0L).replaceWithVoid();
    }

    /** One synthetic booking, from its body to its fenced-out write. */
    private Uni<Void> once(Gate gate, LedgerKey hidden, Slot slot, int n) {
        DeclarationRequest request;
        try {
            request = json.readValue(body(gate.code, n), DeclarationRequest.class);
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
        if (!DeclarationValidator.validate(request).isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("the rehearsal's body is not valid"));
        }
        IdempotencyStore.Key key = new IdempotencyStore.Key(FIRM, "rehearsal-" + n, "rehearsal");
        LocalDate day = LocalDate.now(VIETNAM).plusDays(1);
        Slot real = new Slot(day.atTime(LocalTime.NOON).atZone(VIETNAM).toOffsetDateTime(),
                day.atTime(13, 0).atZone(VIETNAM).toOffsetDateTime());
        Declaration draft = Drafts.booking(IdempotencyStore.declarationId(key, day), gate.code, request, FIRM, ACTOR)
                .withSlot(real, 0);
        UUID attempt = UUID.randomUUID();
        var declared = BookingStatements.declared(draft, ACTOR, "enterprise");
        AuditTrail.PreparedFirst first = audit.prepareFirst(declared);
        Declaration onHidden = draft.withSlot(slot, 0);
        return ledger.claim(hidden, onHidden.holding(), 1_000_000, Claim.Purpose.NEW_BOOKING, attempt)
                .chain(claim -> ledger.giveBack(hidden, onHidden.holding(), null, attempt))
                .chain(() -> declarations.book(draft, BookingStatements.referencePrefix(gate, draft), NO_LEDGER_EPOCH,
                        new BookingStatements.ChainedEvent(declared.actor(), declared.actorRole(), first.details(),
                                first.occurredAt(), first.previousHash(), first.hash()), key))
                .invoke(booked -> {
                    if (booked != null) {
                        throw new IllegalStateException("a rehearsal booking passed the fence: " + booked.declaration().id());
                    }
                })
                .replaceWithVoid();
    }

    private static String body(String gate, int n) {
        return "{\"gateCode\":\"" + gate + "\",\"direction\":\"EXPORT\",\"vehicle\":{\"plate\":\"99C-"
                + String.format("%03d.%02d", n / 100 % 1000, n % 100) + "\",\"country\":\"VN\"},"
                + "\"driver\":{\"fullName\":\"Nguyễn Văn Diễn\",\"idNumber\":\"001099012345\",\"phone\":\"0912345678\"},"
                + "\"cargo\":{\"category\":\"FRESH_FRUIT\",\"description\":\"Thanh long\",\"hsCode\":\"081090\","
                + "\"grossWeightKg\":18500,\"containerNumbers\":[\"MSKU9070323\"],"
                + "\"customsDeclarationNumbers\":[\"305123456789\"]}}";
    }
}
