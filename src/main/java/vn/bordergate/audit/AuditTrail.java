package vn.bordergate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.Transactions;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only, hash-chained audit trail. Events are written on the connection of the change they
 * describe, so a transition and its event commit together or not at all; the change's row lock on the
 * declaration orders the events of one declaration, so each one can link to the one before.
 */
@ApplicationScoped
public class AuditTrail {

    private final EventRepository events;
    private final ObjectMapper json;
    private final Clock clock;
    private final Transactions transactions;
    private final Transactions.AfterCommit<DeclarationEvent> announce;

    public AuditTrail(EventRepository events, ObjectMapper json, Clock clock, Transactions transactions, EventAnnouncer announcer) {
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        // One receiver object, so all events of a transaction are announced together.
        this.announce = announcer::announce;
    }

    /** A first event ready to be written by someone else's statement: its details text, time and hashes. */
    public record PreparedFirst(String details, OffsetDateTime occurredAt, String previousHash, String hash) {
    }

    /** Computes a declaration's first event (linked to the genesis hash) for a combined booking write. */
    public PreparedFirst prepareFirst(DeclarationEvent e) {
        OffsetDateTime now = EventChain.truncate(OffsetDateTime.now(clock));
        String details = e.details() == null ? null : write(e.details());
        return new PreparedFirst(details, now, EventChain.GENESIS, EventChain.hash(EventChain.GENESIS, e.declarationId(),
                e.type(), e.fromStatus(), e.toStatus(), e.actor(), e.actorRole(), e.gateCode(), e.reason(), details, now));
    }

    /** The first event of a new declaration: nothing to link to yet, so no read is needed. */
    public Uni<Void> appendFirst(SqlConnection conn, DeclarationEvent event) {
        return insert(conn, event, EventChain.GENESIS);
    }

    /** An event linked to the declaration's latest one; call while holding the declaration's row lock. */
    public Uni<Void> append(SqlConnection conn, DeclarationEvent event) {
        return EventRepository.newestHash(conn, event.declarationId())
                .map(newest -> newest == null ? EventChain.GENESIS : newest)
                .chain(previous -> insert(conn, event, previous));
    }

    private Uni<Void> insert(SqlConnection conn, DeclarationEvent event, String previousHash) {
        OffsetDateTime now = EventChain.truncate(OffsetDateTime.now(clock));
        String details = event.details() == null ? null : write(event.details());
        String hash = EventChain.hash(previousHash, event.declarationId(), event.type(), event.fromStatus(),
                event.toStatus(), event.actor(), event.actorRole(), event.gateCode(), event.reason(), details, now);
        return EventRepository.insert(conn, event, details, now, previousHash, hash)
                .invoke(sequence -> transactions.afterCommit(conn, announce, new DeclarationEvent(sequence,
                        event.declarationId(), event.type(), event.fromStatus(), event.toStatus(), event.actor(),
                        event.actorRole(), event.gateCode(), event.reason(), event.details(), now)))
                .replaceWithVoid();
    }

    /** Events of every declaration committed after {@code sequence}, oldest first, at most {@code limit}. */
    public Uni<List<DeclarationEvent>> after(long sequence, int limit) {
        return events.after(sequence, limit).map(stored -> stored.stream().map(StoredEvent::event).toList());
    }

    /** What the declaration row says of its chain: its status and the hash of its newest event. */
    public record ChainHead(String status, String lastEventHash) {
    }

    /** The declaration row's side of the chain, or null when there is no such declaration. */
    public Uni<ChainHead> chainHead(UUID declarationId) {
        return events.chainHead(declarationId);
    }

    /** The sequence of the newest event written, 0 if none. */
    public Uni<Long> newestSequence() {
        return events.newestSequence();
    }

    public Uni<List<DeclarationEvent>> of(UUID declarationId) {
        return stored(declarationId).map(rows -> rows.stream().map(StoredEvent::event).toList());
    }

    /** Events as stored, with their links, for verification. */
    public Uni<List<StoredEvent>> stored(UUID declarationId) {
        return events.of(declarationId);
    }

    /** An event row with the raw details text and the chain fields. */
    public record StoredEvent(DeclarationEvent event, String detailsText, String prevHash, String hash) {

        /** The hash this row should have, given the hash of the event before it. */
        public String expectedHash(String previousHash) {
            DeclarationEvent e = event;
            return EventChain.hash(previousHash, e.declarationId(), e.type(), e.fromStatus(), e.toStatus(), e.actor(),
                    e.actorRole(), e.gateCode(), e.reason(), detailsText, e.occurredAt());
        }
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
