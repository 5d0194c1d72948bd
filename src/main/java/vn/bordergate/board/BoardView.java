package vn.bordergate.board;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The public queue board of a gate: who is being called, who is next, and how many trucks are in each
 * status today. Plates are masked; there are no names, phones or firms.
 */
public record BoardView(String gateCode, String gateName, OffsetDateTime updatedAt, String language,
                        List<DirectionBoard> directions) {

    /** One direction's board. */
    public record DirectionBoard(String direction, String directionText, List<Truck> nowCalling,
                                 List<Truck> nextInYard, Map<String, Count> today) {
    }

    /** A truck as the public sees it. */
    public record Truck(int position, String plate, String priority, OffsetDateTime slotStart, OffsetDateTime deadline) {
    }

    /** How many trucks are in a status, with the status in the board's language. */
    public record Count(int count, String text) {
    }
}
