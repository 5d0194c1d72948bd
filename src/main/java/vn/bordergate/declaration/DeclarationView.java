package vn.bordergate.declaration;

import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.gate.Direction;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A declaration as its firm, driver and the gate's officers see it. */
public record DeclarationView(
        UUID id,
        String reference,
        DeclarationStatus status,
        String gateCode,
        Direction direction,
        SlotTimes slot,
        int queueNumber,
        Priority priority,
        int version,
        Vehicle vehicle,
        Driver driver,
        Cargo cargo,
        String taxCode,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The booked slot, in the gate's time zone. */
    public record SlotTimes(OffsetDateTime start, OffsetDateTime end) {
    }

    public static DeclarationView of(Declaration d) {
        return new DeclarationView(d.id(), d.reference(), d.status(), d.gateCode(), d.direction(),
                new SlotTimes(d.slot().start(), d.slot().end()), d.queueNumber(), d.priority(), d.version(),
                d.vehicle(), d.driver(), d.cargo(), d.taxCode(), d.createdAt(), d.updatedAt());
    }
}
