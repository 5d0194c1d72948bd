package vn.bordergate.bench;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.PoolOptions;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.FullSlots;
import vn.bordergate.slot.SlotLedger;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL and Redis as the bench reaches them after (or around) a load: plain Vert.x clients, no Quarkus
 * container. Redis is wrapped in Quarkus' own {@link ReactiveRedisDataSource} implementation so that the
 * service's {@link SlotLedger} reads and claims exactly as the service does.
 *
 * <p>Connection strings come from the environment: {@code PGURL} ({@code postgresql://user:password@host:port/db})
 * and {@code REDIS_URL} ({@code redis://[user:password@]host:port}), as deploy/bench/run.sh names them.
 */
final class BenchStores implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final Pool pool;
    private final Redis redisClient;
    private final ReactiveRedisDataSource redis;

    private BenchStores(Vertx vertx, Pool pool, Redis redisClient, ReactiveRedisDataSource redis) {
        this.vertx = vertx;
        this.pool = pool;
        this.redisClient = redisClient;
        this.redis = redis;
    }

    static BenchStores fromEnvironment() {
        return fromEnvironment(UnaryOperator.identity());
    }

    /** As {@link #fromEnvironment()}, with the Redis data source wrapped (e.g. to watch what a script is sent). */
    static BenchStores fromEnvironment(UnaryOperator<ReactiveRedisDataSource> wrap) {
        String pgUrl = required("PGURL");
        String redisUrl = required("REDIS_URL");
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        ReactiveRedisDataSource redis = wrap.apply(new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)));
        return new BenchStores(vertx, pool, client, redis);
    }

    Pool pool() {
        return pool;
    }

    ReactiveRedisDataSource redis() {
        return redis;
    }

    /** The service's own ledger reader and claimer, on this Redis. */
    SlotLedger ledger() {
        return new SlotLedger(redis, FullSlots.off());
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /**
     * The gates as the service knows them (its {@code gates} table), as the service's own {@link Gate} type,
     * so {@link vn.bordergate.slot.SlotSchedule} lays out their slots and {@link Gate#defaultCapacity} applies.
     */
    List<Gate> gates() {
        return await(pool.query("SELECT code, time_zone, opens_at, closes_at, slot_minutes, booking_horizon_days, "
                + "export_capacity, import_capacity FROM gates ORDER BY code").execute().map(rows -> {
                    List<Gate> gates = new ArrayList<>();
                    rows.forEach(r -> gates.add(gate(r.getString("code"), r.getString("time_zone"),
                            r.getLocalTime("opens_at"), r.getLocalTime("closes_at"), r.getInteger("slot_minutes"),
                            r.getInteger("booking_horizon_days"), r.getInteger("export_capacity"),
                            r.getInteger("import_capacity"))));
                    return gates;
                }));
    }

    /** A gate from its reference data (the {@code gates} table, or the API's view of it). */
    static Gate gate(String code, String timeZone, LocalTime opensAt, LocalTime closesAt, int slotMinutes,
                     int bookingHorizonDays, int exportCapacity, int importCapacity) {
        Gate gate = new Gate();
        gate.code = code;
        gate.timeZone = timeZone;
        gate.opensAt = opensAt;
        gate.closesAt = closesAt;
        gate.slotMinutes = slotMinutes;
        gate.bookingHorizonDays = bookingHorizonDays;
        gate.exportCapacity = exportCapacity;
        gate.importCapacity = importCapacity;
        return gate;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }

    @Override
    public void close() {
        try {
            await(pool.close());
        } finally {
            redisClient.close();
            await(vertx.close());
        }
    }
}
