package vn.bordergate.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalTime;

/** A gate as clients see it. */
public record GateView(
        String code,
        String name,
        String province,
        boolean international,
        String timeZone,
        LocalTime opensAt,
        LocalTime closesAt,
        int slotMinutes,
        int bookingHorizonDays,
        Capacity defaultCapacityPerSlot) {

    /** Places per slot and direction unless a slot has its own capacity. */
    public record Capacity(@JsonProperty("EXPORT") int export, @JsonProperty("IMPORT") int imports) {
    }

    static GateView of(Gate gate) {
        return new GateView(gate.code, gate.name, gate.province, gate.international, gate.timeZone,
                gate.opensAt, gate.closesAt, gate.slotMinutes, gate.bookingHorizonDays,
                new Capacity(gate.exportCapacity, gate.importCapacity));
    }
}
