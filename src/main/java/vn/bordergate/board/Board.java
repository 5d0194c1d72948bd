package vn.bordergate.board;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.live.LiveEvents;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.yard.YardQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the public board of a gate. Anyone may read it without a token, so each gate's board is computed
 * at most once a second per language, however many people are watching.
 */
@ApplicationScoped
class Board {

    static final int NEXT_IN_YARD = 10;
    private static final Duration FRESH = Duration.ofSeconds(1);

    private record Cached(Instant at, Uni<BoardView> board) {
    }

    private final BoardQueries queries;
    private final YardQueue yard;
    private final SlotSchedule schedule;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> changedAt = new ConcurrentHashMap<>();

    Board(BoardQueries queries, YardQueue yard, SlotSchedule schedule, Clock clock, LiveEvents live) {
        this.queries = queries;
        this.yard = yard;
        this.schedule = schedule;
        this.clock = clock;
        // A board built before the gate's latest change is never served again, however fresh.
        live.stream().subscribe().with(e -> changedAt.put(e.gateCode(), Instant.now()));
    }

    public Uni<BoardView> of(Gate gate, Language language) {
        String key = gate.code + ":" + language;
        Instant now = Instant.now();
        Instant lastChange = changedAt.getOrDefault(gate.code, Instant.EPOCH);
        Cached cached = cache.compute(key, (k, old) -> old != null && old.at().plus(FRESH).isAfter(now)
                && old.at().isAfter(lastChange) ? old
                : new Cached(now, build(gate, language).memoize().indefinitely()));
        return cached.board();
    }

    private Uni<BoardView> build(Gate gate, Language language) {
        List<BoardView.DirectionBoard> directions = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Direction direction : Direction.values()) {
            chain = chain.chain(() -> direction(gate, direction, language).invoke(directions::add)).replaceWithVoid();
        }
        return chain.map(ignored -> new BoardView(gate.code, gate.name, OffsetDateTime.now(clock).atZoneSameInstant(gate.zone())
                .toOffsetDateTime(), language.name().toLowerCase(), List.copyOf(directions)));
    }

    private Uni<BoardView.DirectionBoard> direction(Gate gate, Direction direction, Language language) {
        List<BoardView.Truck> calling = new ArrayList<>();
        Map<String, BoardView.Count> today = new LinkedHashMap<>();
        return queries.called(gate, direction)
                .invoke(called -> called.forEach(c -> calling.add(new BoardView.Truck(calling.size() + 1,
                        PublicPlates.mask(c.plate()), c.priority(), c.slotStart(), c.deadline()))))
                .chain(() -> queries.countsOfDay(gate, direction, schedule.today(gate)))
                .invoke(counts -> {
                    for (DeclarationStatus status : DeclarationStatus.values()) {
                        today.put(status.name(), new BoardView.Count(counts.getOrDefault(status, 0),
                                Texts.status(status.name(), language)));
                    }
                })
                .chain(() -> yard.entries(gate.code, direction))
                .map(entries -> new BoardView.DirectionBoard(direction.name(),
                        // English readers of the board have always been given the bare name; kept so.
                        language == Language.VI ? Texts.direction(direction.name(), language) : direction.name(),
                        calling, entries.stream().limit(NEXT_IN_YARD).map(e -> new BoardView.Truck(e.position(),
                                PublicPlates.mask(e.plate()), e.priority().name(), e.slotStart(), null)).toList(), today));
    }
}
