package vn.bordergate.gate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalTime;
import java.util.List;

/** A gate as clients see it. */
public record GateView(
        String code,
        String name,
        @Schema(description = "Code of the gate's province, e.g. LANG_SON") String provinceCode,
        @Schema(description = "Name of the gate's province") String province,
        @Schema(description = "Prefix of the references of its declarations, e.g. HN") String referencePrefix,
        boolean international,
        @Schema(description = "false: the gate takes no new bookings; the ones it has keep their answer") boolean active,
        String timeZone,
        @Schema(description = "Opening hours per weekday; a weekday not listed is closed") List<OpeningHours> openingHours,
        @Schema(description = "Earliest opening of the week (see openingHours for each day)", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "07:00") LocalTime opensAt,
        @Schema(description = "Latest closing of the week (see openingHours for each day)", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "19:00") LocalTime closesAt,
        int slotMinutes,
        int bookingHorizonDays,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm")
        @Schema(description = "Local time at which the day bookingHorizonDays ahead becomes bookable", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "00:00")
        LocalTime bookingOpensAt,
        @Schema(description = "Places per EXPORT slot unless a slot has its own capacity") int exportCapacity,
        @Schema(description = "Places per IMPORT slot unless a slot has its own capacity") int importCapacity,
        Capacity defaultCapacityPerSlot,
        @Schema(description = "Closures in force or coming: no slot inside one is offered") List<ClosureView> closures) {

    /** A time the gate is closed, with its reason in Vietnamese and English. */
    public record ClosureView(java.util.UUID id, java.time.OffsetDateTime from, java.time.OffsetDateTime to, String reasonVi,
                              String reasonEn) {
    }

    /** Places per slot and direction unless a slot has its own capacity. */
    public record Capacity(@JsonProperty("EXPORT") int export, @JsonProperty("IMPORT") int imports) {
    }

    public static GateView of(Gate gate) {
        return new GateView(gate.code, gate.name, gate.provinceCode, gate.province, gate.referencePrefix,
                gate.international, gate.active, gate.timeZone, gate.week(), gate.opensAt, gate.closesAt,
                gate.slotMinutes, gate.bookingHorizonDays, gate.bookingOpensAt, gate.exportCapacity, gate.importCapacity,
                new Capacity(gate.exportCapacity, gate.importCapacity),
                gate.closures().stream().sorted(java.util.Comparator.comparing((Closure c) -> c.startsAt))
                        .map(c -> new ClosureView(c.id, c.startsAt, c.endsAt, c.reasonVi, c.reasonEn)).toList());
    }
}
