package vn.bordergate.bench;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Transient;
import vn.bordergate.gate.Closure;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.FullSlots;
import vn.bordergate.slot.SlotLedger;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL and Redis as the bench reaches them after (or around) a load: plain Vert.x clients, no Quarkus
 * container. Redis is wrapped in Quarkus' own {@link ReactiveRedisDataSource} implementation so that the
 * service's {@link SlotLedger} reads and claims exactly as the service does.
 *
 * <p>Connection strings come from the environment: {@code PGURL} ({@code postgresql://user:password@host:port/db})
 * and {@code REDIS_URL} ({@code redis://[user:password@]host:port}), as deploy/bench/run.sh exports them.
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

    /** Runs each statement in turn (the bench's scratch table, extra day partitions). */
    void sql(String... statements) {
        for (String statement : statements) {
            await(pool.query(statement).execute());
        }
    }

    /** The first column of the first row of {@code query}, as a number. */
    long number(String query) {
        return await(pool.query(query).execute()).iterator().next().getLong(0);
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /**
     * The gates as the service knows them (its {@code gates} table), as the service's own {@link Gate} type, so
     * {@link vn.bordergate.slot.SlotSchedule} lays out their slots (weekly hours, closures, when a day opens for
     * booking) and {@link Gate#defaultCapacity} applies. Every column the entity maps is read into it (see
     * {@link #entity}), and the closures in force are attached as the service's gate catalog attaches them.
     */
    List<Gate> gates() {
        List<Gate> gates = await(pool.query("SELECT * FROM gates ORDER BY code").execute()
                .map(rows -> entities(rows, Gate.class)));
        // GateCatalog's closures in force: not reopened, and not ended more than a day ago.
        List<Closure> closures = await(pool.preparedQuery("SELECT * FROM gate_closures WHERE reopened_at IS NULL AND ends_at > $1")
                .execute(Tuple.of(OffsetDateTime.now().minusDays(1))).map(rows -> entities(rows, Closure.class)));
        for (Gate gate : gates) {
            gate.setClosures(closures.stream().filter(c -> c.gateCode.equals(gate.code)).toList());
            try {
                gate.week();
            } catch (RuntimeException e) {
                throw new IllegalStateException("gate " + gate.code + ": its weekly hours do not read", e);
            }
        }
        return gates;
    }

    private static <T> List<T> entities(RowSet<Row> rows, Class<T> type) {
        List<T> out = new ArrayList<>();
        rows.forEach(r -> out.add(entity(r, type)));
        return out;
    }

    /**
     * A row as the entity {@code type}, the way its own mapping says: each persistent field (public, not static,
     * not {@code @Transient}) from the column its {@code @Column} names, else the field's name in snake case. A
     * mapped column the row lacks, or a value of another type, fails with the field's name: the bench reads what the
     * entity maps, so a column added to it later is read too instead of left null.
     */
    static <T> T entity(Row row, Class<T> type) {
        T entity;
        try {
            entity = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            String name = column != null && !column.name().isEmpty() ? column.name()
                    : field.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            if (row.getColumnIndex(name) < 0) {
                throw new IllegalStateException(type.getSimpleName() + "." + field.getName() + " maps column " + name
                        + ", which the row does not have");
            }
            Object value = row.getValue(name);
            try {
                field.set(entity, value);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new IllegalStateException(type.getSimpleName() + "." + field.getName() + " (" + field.getType().getSimpleName()
                        + ") cannot take column " + name + " = " + value + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"), e);
            }
        }
        return entity;
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
