package vn.bordergate.declaration;

import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.gate.Direction;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.Slot;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A declaration as stored: one truck crossing once. {@code plateKey} is the canonical plate that
 * recognises the truck however it was typed; {@code driverPhone} is in E.164 form. {@code feePayer} is null
 * when the declaring firm pays the fee.
 */
public record Declaration(
        UUID id,
        String reference,
        String gateCode,
        Direction direction,
        Slot slot,
        DeclarationStatus status,
        Priority priority,
        int queueNumber,
        int version,
        String taxCode,
        String plateKey,
        String driverPhone,
        Vehicle vehicle,
        Driver driver,
        Cargo cargo,
        FeePayer feePayer,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Declaration withSlot(Slot newSlot, int newQueueNumber) {
        return new Declaration(id, reference, gateCode, direction, newSlot, status, priority, newQueueNumber, version,
                taxCode, plateKey, driverPhone, vehicle, driver, cargo, feePayer, createdBy, createdAt, updatedAt);
    }

    public Declaration withParts(String newPlateKey, Vehicle newVehicle, String newPhone, Driver newDriver, Cargo newCargo,
                                 FeePayer newFeePayer) {
        return new Declaration(id, reference, gateCode, direction, slot, status, newCargo.category().priority(),
                queueNumber, version, taxCode, newPlateKey, newPhone, newVehicle, newDriver, newCargo, newFeePayer,
                createdBy, createdAt, updatedAt);
    }

    public Declaration stored(String newReference, int newVersion, DeclarationStatus newStatus,
                              OffsetDateTime created, OffsetDateTime updated) {
        return new Declaration(id, newReference, gateCode, direction, slot, newStatus, priority, queueNumber,
                newVersion, taxCode, plateKey, driverPhone, vehicle, driver, cargo, feePayer, createdBy, created, updated);
    }

    /** What this declaration holds (or claims) in its gate-day's slot ledger. */
    public Holding holding() {
        return new Holding(id, direction, slot, taxCode, plateKey);
    }
}
