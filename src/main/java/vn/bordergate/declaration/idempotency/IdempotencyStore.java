package vn.bordergate.declaration.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Remembers the answer given to each {@code Idempotency-Key} of a firm, so a retry with the same body gets
 * the same answer and a reuse of the key with another body is refused (422).
 */
@ApplicationScoped
public class IdempotencyStore {

    /** A firm's Idempotency-Key and the hash of the request it came with. */
    public record Key(String owner, String key, String requestHash) {
    }

    /** A remembered answer: 201 with the declaration created, or a refusal with its problem. */
    public record Answer(String requestHash, int status, UUID declarationId, String body) {
    }

    /** The longest Idempotency-Key a client may send, for one booking as for a batch. */
    public static final int MAX_KEY = 200;
    private static final char ITEM_SEPARATOR = '\n';

    private final IdempotencyRepository repository;
    private final ObjectMapper json;

    IdempotencyStore(IdempotencyRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Answer> find(String owner, String key) {
        return repository.find(owner, key);
    }

    /** Records a 201 on the booking's own transaction, so the answer and the row commit together. */
    public Uni<Void> rememberCreated(SqlClient conn, String owner, String key, String requestHash, UUID declarationId) {
        return IdempotencyRepository.insertCreated(conn, owner, key, requestHash, declarationId);
    }

    /** Records a refusal; a concurrent first answer wins. */
    public Uni<Void> rememberRefusal(String owner, String key, String requestHash, ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>(problem.extensions());
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("detail", problem.detail());
        return repository.insertRefusal(owner, key, requestHash, problem.status(), write(body))
                .onFailure(IdempotencyStore::isDuplicate).recoverWithNull();
    }

    /**
     * Replays a remembered answer: the id of the declaration created (answered with its current state), or
     * the refusal again; a different body under the same key is refused (422).
     */
    public UUID replay(Answer answer, String requestHash) {
        if (!answer.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused with another body",
                    "this Idempotency-Key was already used for a different request; use a new key for a new declaration");
        }
        try {
            if (answer.status() >= 400) {
                Map<?, ?> body = json.readValue(answer.body(), Map.class);
                ProblemException problem = new ProblemException(answer.status(), (String) body.get("type"),
                        (String) body.get("title"), (String) body.get("detail"));
                // Only the members the contract names come back; a stored answer cannot widen it.
                body.forEach((name, value) -> ProblemMember.named((String) name)
                        .ifPresent(member -> problem.with(member, value)));
                throw problem;
            }
            return answer.declarationId();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key already has an answer: its record exists, or the declaration its key and body name does (a
     * twin request wrote it first, with its record, in the same statement).
     */
    public static boolean isDuplicate(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && ("idempotency_keys_pkey".equals(pg.getConstraint()) || DeclarationIds.isPrimaryKey(pg.getConstraint()));
    }

    /**
     * The id of the declaration a firm's key and body create on {@code day}. Derived, not random, so that
     * every attempt of one request (a retry after a lost answer, a twin sent twice) books the same
     * declaration: the ledger sees its place is already held, and PostgreSQL's primary key lets only one row
     * be written. A retry that crosses midnight (UTC) mints another id; it then collides on the key's record
     * or on its truck's booking of that day instead, and gets the first answer all the same.
     */
    public static UUID declarationId(Key key, LocalDate day) {
        return DeclarationIds.mint(day, key.owner() + '\n' + key.key() + '\n' + key.requestHash());
    }

    /** A client's key: 1 to {@value #MAX_KEY} characters, none of them a control character. */
    public static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw Problems.invalidField("Idempotency-Key", "header is required on POSTs that create (e.g. a UUID)");
        }
        if (key.length() > MAX_KEY) {
            throw Problems.invalidField("Idempotency-Key", "must be at most " + MAX_KEY + " characters");
        }
        // Only C0 controls and DEL: a header read as ISO-8859-1 turns a UTF-8 key's bytes into 0x80-0x9F.
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw Problems.invalidField("Idempotency-Key", "must not contain control characters");
        }
    }

    /**
     * The key a batch's item is answered under. The separator is a control character, which a client's key may
     * not hold (nor can HTTP carry a line feed in a header): no single booking's key can name a batch's item,
     * and the limit of {@value #MAX_KEY} characters is the client's alone. Items were once {@code key#index},
     * a key any client could send (V9 copied those answers here).
     */
    public static String itemKey(String batchKey, int index) {
        return batchKey + ITEM_SEPARATOR + index;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
