package vn.bordergate.declaration;

import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;

import java.time.OffsetDateTime;

/**
 * Changes to a booking before check-in. Each part given replaces that part whole; parts left out stay
 * as they are. Gate and direction cannot change: cancel and declare again.
 */
public record AmendRequest(OffsetDateTime slotStart, Vehicle vehicle, Driver driver, Cargo cargo, FeePayer feePayer) {

    /** Nothing to change: every part left out. */
    public boolean changesNothing() {
        return slotStart == null && vehicle == null && driver == null && cargo == null && feePayer == null;
    }
}
