package vn.bordergate.yard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.LuaScript;
import vn.bordergate.gate.Direction;

import java.util.List;

/**
 * The waiting yard of a gate and direction, in call-up order: round (a missed call sends a truck to the
 * back), priority class, slot start, check-in time. PostgreSQL holds the order; Redis caches the list
 * for the many readers, invalidated on every change and re-read from PostgreSQL when missing.
 */
@ApplicationScoped
public class YardQueue {

    private static final LuaScript STORE = LuaScript.load("yard-store.lua");
    private static final LuaScript INVALIDATE = LuaScript.load("yard-invalidate.lua");
    private static final TypeReference<List<YardEntry>> LIST = new TypeReference<>() {
    };
    private static final int CACHE_SECONDS = 600;

    private final YardStatements statements;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    public YardQueue(YardStatements statements, ReactiveRedisDataSource redis, ObjectMapper json) {
        this.statements = statements;
        this.redis = redis;
        this.json = json;
    }

    public Uni<List<YardEntry>> entries(String gate, Direction direction) {
        String generation = key(gate, direction, "gen");
        String list = key(gate, direction, "list");
        return redis.value(String.class).get(list)
                .chain(cached -> cached != null ? Uni.createFrom().item(read(cached))
                        : redis.value(String.class).get(generation).chain(seen -> statements.waiting(gate, direction)
                        .call(entries -> STORE.run(redis, List.of(generation, list),
                                List.of(seen == null ? "0" : seen, write(entries), Integer.toString(CACHE_SECONDS))))))
                // The cache is only for speed: with Redis unreachable the yard is still served.
                .onFailure(e -> !(e instanceof io.vertx.pgclient.PgException)).recoverWithUni(() -> statements.waiting(gate, direction));
    }

    /** Call after a change to the yard commits in PostgreSQL. */
    public Uni<Void> changed(String gate, Direction direction) {
        return INVALIDATE.run(redis, List.of(key(gate, direction, "gen"), key(gate, direction, "list")), List.of())
                .onFailure().invoke(e -> Log.warnf("yard cache of %s %s not invalidated: %s", gate, direction, e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
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
