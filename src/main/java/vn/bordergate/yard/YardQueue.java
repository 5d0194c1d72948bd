package vn.bordergate.yard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.LuaScript;
import vn.bordergate.declaration.Priority;
import vn.bordergate.gate.Direction;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The waiting yard of a gate and direction, in call-up order: round (a missed call sends a truck to the
 * back), priority class, slot start, check-in time. PostgreSQL holds the order; Redis caches the list
 * for the many readers, invalidated on every change and re-read from PostgreSQL when missing.
 */
@ApplicationScoped
public class YardQueue {

    /** The one ordering of the yard, used by the listing and by the call-up. */
    public static final String ORDER = "d.yard_round, d.priority, d.slot_start, d.checked_in_at, d.id";

    private static final LuaScript STORE = LuaScript.load("yard-store.lua");
    private static final LuaScript INVALIDATE = LuaScript.load("yard-invalidate.lua");
    private static final TypeReference<List<YardEntry>> LIST = new TypeReference<>() {
    };
    private static final int CACHE_SECONDS = 600;

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    public YardQueue(Pool pool, ReactiveRedisDataSource redis, ObjectMapper json) {
        this.pool = pool;
        this.redis = redis;
        this.json = json;
    }

    public Uni<List<YardEntry>> entries(String gate, Direction direction) {
        String generation = key(gate, direction, "gen");
        String list = key(gate, direction, "list");
        return redis.value(String.class).get(list)
                .chain(cached -> cached != null ? Uni.createFrom().item(read(cached))
                        : redis.value(String.class).get(generation).chain(seen -> fromPostgres(gate, direction)
                        .call(entries -> STORE.run(redis, List.of(generation, list),
                                List.of(seen == null ? "0" : seen, write(entries), Integer.toString(CACHE_SECONDS))))))
                // The cache is only for speed: with Redis unreachable the yard is still served.
                .onFailure(e -> !(e instanceof io.vertx.pgclient.PgException)).recoverWithUni(() -> fromPostgres(gate, direction));
    }

    public Uni<List<YardEntry>> fromPostgres(String gate, Direction direction) {
        return pool.preparedQuery("SELECT d.id, d.reference, d.vehicle->>'plate' AS plate, d.priority, d.slot_start, "
                        + "coalesce(d.checked_in_at, d.updated_at) AS checked_in_at, d.yard_round, g.time_zone FROM declarations d JOIN gates g ON g.code = d.gate_code "
                        + "WHERE d.gate_code = $1 AND d.direction = $2 AND d.status = 'CHECKED_IN' ORDER BY " + ORDER)
                .execute(Tuple.of(gate, direction.name()))
                .map(rows -> {
                    List<YardEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(entry(entries.size() + 1, row)));
                    return entries;
                });
    }

    /** Call after a change to the yard commits in PostgreSQL. */
    public Uni<Void> changed(String gate, Direction direction) {
        return INVALIDATE.run(redis, List.of(key(gate, direction, "gen"), key(gate, direction, "list")), List.of())
                .onFailure().invoke(e -> Log.warnf("yard cache of %s %s not invalidated: %s", gate, direction, e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static YardEntry entry(int position, Row row) {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        return new YardEntry(position, row.getUUID("id"), row.getString("reference"), row.getString("plate"),
                Priority.valueOf(row.getString("priority")),
                row.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime(),
                row.getOffsetDateTime("checked_in_at").atZoneSameInstant(zone).toOffsetDateTime(),
                row.getInteger("yard_round"));
    }

    private static String key(String gate, Direction direction, String part) {
        return "bg:{" + gate + ":yard}:" + direction + ":" + part;
    }

    private List<YardEntry> read(String cached) {
        try {
            return json.readValue(cached, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(List<YardEntry> entries) {
        try {
            return json.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
