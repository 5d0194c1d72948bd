package vn.bordergate.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A Lua script run by its SHA-1 ({@code EVALSHA}), sent in full once when Redis does not know it yet. */
public final class LuaScript {

    // Every script made so far, so that an instance can load them all into Redis before it takes traffic.
    private static final List<LuaScript> MADE = new CopyOnWriteArrayList<>();

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
        MADE.add(this);
    }

    /**
     * Sends every script made so far to Redis ({@code SCRIPT LOAD}), so that the first burst of concurrent
     * calls finds them there instead of each one meeting NOSCRIPT and sending the whole source.
     */
    public static Uni<Integer> loadAll(ReactiveRedisDataSource redis) {
        List<Uni<Response>> loads = MADE.stream().map(script -> redis.execute("SCRIPT", "LOAD", script.source)).toList();
        return loads.isEmpty() ? Uni.createFrom().item(0)
                : Uni.join().all(loads).andFailFast().map(List::size);
    }

    /** One script made of the named files under {@code lua/}, in order (shared heads first). */
    public static LuaScript load(String... names) {
        StringBuilder source = new StringBuilder();
        for (String name : names) {
            try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream("lua/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource lua/" + name);
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LuaScript(source.toString());
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute("EVALSHA", arguments(sha, keys, args))
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
    }

    /**
     * Runs the script on a pooled connection of its own, failing with {@link io.smallrye.mutiny.TimeoutException}
     * when Redis has not answered within {@code answerWithin} of the command being <em>sent</em>: the wait for
     * a connection is not Redis being slow. The connection goes back to the pool only once its answer has
     * come (a late answer never meets another command), and one that arrives after the caller gave up goes
     * straight back.
     */
    public Uni<Response> runTimed(ReactiveRedisDataSource redis, List<String> keys, List<String> args,
                                  Duration answerWithin) {
        io.vertx.redis.client.Redis client = redis.getRedis().getDelegate();
        return Uni.createFrom().<Future<io.vertx.redis.client.Response>>emitter(emitter -> {
                    AtomicBoolean gaveUp = new AtomicBoolean();
                    emitter.onTermination(() -> gaveUp.set(true));
                    client.connect().onComplete(connected -> {
                        if (connected.failed()) {
                            emitter.fail(connected.cause());
                            return;
                        }
                        RedisConnection connection = connected.result();
                        if (gaveUp.get()) {
                            connection.close();
                            return;
                        }
                        Future<io.vertx.redis.client.Response> answer = connection.send(request(Command.EVALSHA, sha, keys, args))
                                .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
                                        ? connection.send(request(Command.EVAL, source, keys, args))
                                        : Future.failedFuture(e));
                        answer.onComplete(done -> connection.close());
                        emitter.complete(answer);
                    });
                })
                .chain(answer -> Uni.createFrom().completionStage(answer.toCompletionStage())
                        .ifNoItem().after(answerWithin).fail())
                .map(Response::newInstance);
    }

    private static Request request(Command command, String script,
                                                         List<String> keys, List<String> args) {
        Request request = Request.cmd(command);
        for (String argument : arguments(script, keys, args)) {
            request.arg(argument);
        }
        return request;
    }

    private static String[] arguments(String script, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(script);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
