package vn.bordergate.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import vn.bordergate.common.Language;
import vn.bordergate.gate.Gate;
import vn.bordergate.live.Heartbeats;
import vn.bordergate.live.LiveConfig;
import vn.bordergate.live.LiveEvents;

/**
 * The board stream: the board at once, then a fresh board after changes at the gate: the first change at
 * once, and a busy gate's changes grouped so it sends at most one board per throttle interval. Boards come from {@link Board}'s one-second cache,
 * so a thousand watchers of one gate cost one computation.
 */
@ApplicationScoped
class BoardUpdates {

    private final Board board;
    private final LiveEvents live;
    private final LiveConfig config;
    private final ObjectMapper json;

    public BoardUpdates(Board board, LiveEvents live, LiveConfig config, ObjectMapper json) {
        this.board = board;
        this.live = live;
        this.config = config;
        this.json = json;
    }

    public Multi<OutboundSseEvent> boards(Gate gate, Language language, Sse sse) {
        Multi<Object> changes = Throttle.firstAtOnce(live.stream().filter(e -> gate.code.equals(e.gateCode())),
                config.boardThrottle());
        Multi<OutboundSseEvent> boards = Multi.createBy().merging().streams(Multi.createFrom().item("now"), changes)
                .onItem().transformToUniAndConcatenate(trigger -> board.of(gate, language))
                .map(view -> sse.newEventBuilder().name("board").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(write(view)).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Heartbeats.until(boards, heartbeats);
    }

    private String write(BoardView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
