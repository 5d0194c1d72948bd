package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.fee.Fee;
import vn.bordergate.fee.FeeCalculator;
import vn.bordergate.fee.FeeSchedules;
import vn.bordergate.fee.Load;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The fee each trip owes, priced when it is shown rather than stored: a version of a schedule never changes
 * once its day has begun, so the same declaration is priced the same every time, an amendment is priced
 * afresh, and booking does no pricing at all. The day that chooses the version is the booked slot's day at
 * the gate.
 */
@ApplicationScoped
public class DeclarationFees {

    private final GateCatalog gates;
    private final FeeSchedules schedules;

    DeclarationFees(GateCatalog gates, FeeSchedules schedules) {
        this.gates = gates;
        this.schedules = schedules;
    }

    /** The declaration as its parties see it, with its fee. */
    public Uni<DeclarationView> view(Declaration d) {
        return of(d).map(fee -> DeclarationView.of(d, fee));
    }

    public Uni<List<DeclarationView>> views(List<Declaration> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(page.stream().map(this::view).toList()).andFailFast();
    }

    public Uni<Fee> of(Declaration d) {
        return gates.require(d.gateCode()).chain(gate -> quote(gate, d.slot().start(), d.direction(), d.vehicle(), d.cargo()));
    }

    /** The fee of a trip at {@code gate} on the day of {@code when} (in the gate's time zone). */
    public Uni<Fee> quote(Gate gate, OffsetDateTime when, Direction direction, Vehicle vehicle, Cargo cargo) {
        LocalDate day = when.atZoneSameInstant(gate.zone()).toLocalDate();
        Load load = Load.of(direction, vehicle == null ? null : vehicle.kind(), cargo.grossWeightKg(),
                cargo.category().goodsGroup(), cargo.trade());
        return schedules.inForce(gate.provinceCode, day)
                .map(schedule -> FeeCalculator.quote(gate.provinceCode, schedule, load));
    }
}
