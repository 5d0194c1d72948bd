package vn.bordergate.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.declaration.BatchResult;
import vn.bordergate.declaration.CancelRequest;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.declaration.validation.FieldError;
import vn.bordergate.slot.SlotView;

/**
 * Types Jackson (de)serialises outside resource signatures (idempotency replays, problem extensions,
 * JSON columns), which a native image would otherwise strip.
 */
@RegisterForReflection(targets = {
        DeclarationView.class, DeclarationView.SlotTimes.class,
        DeclarationRequest.Vehicle.class, DeclarationRequest.Driver.class, DeclarationRequest.Cargo.class,
        FieldError.class, SlotView.class, DeclarationEvent.class, CancelRequest.class,
        BatchResult.class, BatchResult.Item.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
