package vn.bordergate.declaration.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.idempotency.IdempotencyStore.Answer;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code idempotency_keys} table: the answer given to each firm's Idempotency-Key. The booking write
 * also inserts here, inside its one statement (see {@link DeclarationRepository}).
 */
@ApplicationScoped
class IdempotencyRepository {

    private final Pool pool;

    IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /** The answer remembered for the key, or null. */
    Uni<Answer> find(String owner, String key) {
        return pool.preparedQuery("SELECT request_hash, status, declaration_id, body FROM idempotency_keys "
                        + "WHERE owner = $1 AND key = $2")
                .execute(Tuple.of(owner, key))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Answer(row.getString("request_hash"), row.getInteger("status"), row.getUUID("declaration_id"),
                            row.getString("body"));
                });
    }

    /** Remembers a 201 on {@code client}: the booking's own transaction, so answer and row commit together. */
    static Uni<Void> insertCreated(SqlClient client, String owner, String key, String requestHash, UUID declarationId) {
        return client.preparedQuery("INSERT INTO idempotency_keys (owner, key, request_hash, status, declaration_id) "
                        + "VALUES ($1, $2, $3, 201, $4)")
                .execute(Tuple.of(owner, key, requestHash, declarationId)).replaceWithVoid();
    }

    /**
     * Deletes up to {@code limit} answers given before {@code cutoff}, oldest first; answers how many. Only
     * one instance purges at a time (a transaction-scoped advisory lock): another finds it taken and deletes
     * nothing.
     */
    Uni<Integer> deleteOlderThan(OffsetDateTime cutoff, int limit) {
        return pool.preparedQuery("WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('purge:idempotency_keys')) AS mine) "
                        + "DELETE FROM idempotency_keys WHERE (owner, key) IN (SELECT owner, key FROM idempotency_keys "
                        + "WHERE created_at < $1 ORDER BY created_at LIMIT $2) AND (SELECT mine FROM turn)")
                .execute(Tuple.of(cutoff, limit)).map(rows -> rows.rowCount());
    }

    /** Remembers a refusal with its problem body; fails with a unique violation if the key has an answer. */
    Uni<Void> insertRefusal(String owner, String key, String requestHash, int status, String body) {
        return pool.preparedQuery("INSERT INTO idempotency_keys (owner, key, request_hash, status, body) "
                        + "VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(owner, key, requestHash, status, body)).replaceWithVoid();
    }
}
