package vn.bordergate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import vn.bordergate.fee.Fee;
import vn.bordergate.fee.FeeMultiplier;
import vn.bordergate.fee.FeeRule;
import vn.bordergate.fee.FeeSchedule;
import vn.bordergate.fee.TradeFacts;
import vn.bordergate.gate.GateView;
import vn.bordergate.payment.BankNotification;
import vn.bordergate.payment.Receipt;
import vn.bordergate.gate.OpeningHours;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.board.BoardView;
import vn.bordergate.http.FieldError;
import vn.bordergate.declaration.BatchResult;
import vn.bordergate.declaration.CancelRequest;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.slot.SlotView;
import vn.bordergate.stream.StatusUpdate;
import vn.bordergate.yard.YardEntry;

/**
 * Types Jackson (de)serialises outside resource signatures (problem extensions, JSON columns, the yard
 * cache, Redis pub/sub, server-sent event data), which a native image would otherwise strip.
 */
@RegisterForReflection(targets = {
        DeclarationView.class, DeclarationView.SlotTimes.class,
        DeclarationRequest.Vehicle.class, DeclarationRequest.Driver.class, DeclarationRequest.Cargo.class,
        FieldError.class, SlotView.class, DeclarationEvent.class, CancelRequest.class,
        BatchResult.class, BatchResult.Item.class, LiveEvent.class, StatusUpdate.class, YardEntry.class,
        BoardView.class, BoardView.DirectionBoard.class, BoardView.Truck.class, BoardView.Count.class,
        GateView.class, GateView.Capacity.class, OpeningHours.class,
        TradeFacts.class, TradeFacts.GoodsLine.class, FeeSchedule.class, FeeRule.class, FeeMultiplier.class,
        Fee.class, Fee.Line.class, Receipt.Payer.class, Receipt.Line.class, BankNotification.class})
// GateView and OpeningHours: the gate audit's before/after snapshots (onboarding.GateOnboarding).
// TradeFacts: inside the cargo JSON column; FeeSchedule and its bands: the fee_schedules JSON column.
// Receipt's payer and lines: JSON columns of receipts; BankNotification: read from the raw, signed body.
final class NativeReflection {

    private NativeReflection() {
    }
}
