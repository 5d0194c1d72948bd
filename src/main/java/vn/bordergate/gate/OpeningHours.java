package vn.bordergate.gate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Hours a gate is open on some weekdays; a weekday named in none of a gate's entries is closed. */
@Schema(description = "Opening hours on the weekdays named, in the gate's time zone")
public record OpeningHours(
        @Schema(description = "Weekdays these hours apply to", example = "[\"MONDAY\", \"TUESDAY\"]") List<DayOfWeek> days,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm")
        @Schema(description = "Opening time, HH:mm", example = "07:00", type = SchemaType.STRING) LocalTime opensAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm")
        @Schema(description = "Closing time, HH:mm: the last slot ends by then", example = "17:00", type = SchemaType.STRING)
        LocalTime closesAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored form (the {@code gates.opening_hours} column). */
    static String toJson(List<OpeningHours> week) {
        ArrayNode array = JSON.createArrayNode();
        for (OpeningHours hours : week) {
            ObjectNode entry = array.addObject();
            ArrayNode days = entry.putArray("days");
            hours.days().forEach(day -> days.add(day.name()));
            entry.put("opensAt", hours.opensAt().toString());
            entry.put("closesAt", hours.closesAt().toString());
        }
        return array.toString();
    }

    static List<OpeningHours> fromJson(String stored) {
        try {
            List<OpeningHours> week = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(stored)) {
                List<DayOfWeek> days = new ArrayList<>();
                entry.get("days").forEach(day -> days.add(DayOfWeek.valueOf(day.asText())));
                week.add(new OpeningHours(List.copyOf(days), LocalTime.parse(entry.get("opensAt").asText()),
                        LocalTime.parse(entry.get("closesAt").asText())));
            }
            return List.copyOf(week);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("gates.opening_hours is not the JSON this service writes", e);
        }
    }
}
