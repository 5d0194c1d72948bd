package vn.bordergate.board;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.time.ZoneId;
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
public class Board {

    static final int NEXT_IN_YARD = 10;
    private static final Duration FRESH = Duration.ofSeconds(1);

    private record Cached(Instant at, Uni<BoardView> board) {
    }

    private final Pool pool;
    private final YardQueue yard;
    private final SlotSchedule schedule;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> changedAt = new ConcurrentHashMap<>();

    public Board(Pool pool, YardQueue yard, SlotSchedule schedule, Clock clock, LiveEvents live) {
        this.pool = pool;
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
        ZoneId zone = gate.zone();
        List<BoardView.Truck> calling = new ArrayList<>();
        Map<String, BoardView.Count> today = new LinkedHashMap<>();
        return pool.preparedQuery("SELECT d.vehicle->>'plate' AS plate, d.priority, d.slot_start, d.call_deadline "
                        + "FROM declarations d WHERE d.gate_code = $1 AND d.direction = $2 AND d.status = 'CALLED' "
                        + "ORDER BY d.called_at, d.id")
                .execute(Tuple.of(gate.code, direction.name()))
                .invoke(rows -> rows.forEach(r -> calling.add(new BoardView.Truck(calling.size() + 1,
                        PublicPlates.mask(r.getString("plate")), r.getString("priority"),
                        r.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime(),
                        r.getOffsetDateTime("call_deadline") == null ? null
                                : r.getOffsetDateTime("call_deadline").atZoneSameInstant(zone).toOffsetDateTime()))))
                .chain(() -> pool.preparedQuery("SELECT status, count(*)::int AS n FROM declarations "
                                + "WHERE gate_code = $1 AND direction = $2 AND slot_day = $3 GROUP BY 1")
                        .execute(Tuple.of(gate.code, direction.name(), schedule.today(gate))))
                .invoke(rows -> {
                    for (DeclarationStatus status : DeclarationStatus.values()) {
                        today.put(status.name(), new BoardView.Count(0, Texts.status(status.name(), language)));
                    }
                    rows.forEach(r -> today.put(r.getString("status"),
                            new BoardView.Count(r.getInteger("n"), Texts.status(r.getString("status"), language))));
                })
                .chain(() -> yard.entries(gate.code, direction))
                .map(entries -> new BoardView.DirectionBoard(direction.name(),
                        language == Language.VI ? (direction == Direction.EXPORT ? "Xuất khẩu" : "Nhập khẩu") : direction.name(),
                        calling, entries.stream().limit(NEXT_IN_YARD).map(e -> new BoardView.Truck(e.position(),
                                PublicPlates.mask(e.plate()), e.priority().name(), e.slotStart(), null)).toList(), today));
    }
}
