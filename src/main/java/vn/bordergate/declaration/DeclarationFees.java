package vn.bordergate.declaration;

import io.smallrye.mutiny.Multi;
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

import java.time.Clock;
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
    private final Clock clock;

    DeclarationFees(GateCatalog gates, FeeSchedules schedules, Clock clock) {
        this.gates = gates;
        this.schedules = schedules;
        this.clock = clock;
    }

    /** The declaration as its parties see it, with its fee and what the gate's border rules say of it. */
    public Uni<DeclarationView> view(Declaration d) {
        return gates.require(d.gateCode()).chain(gate -> quote(gate, d.slot().start(), d.direction(), d.vehicle(), d.cargo())
                .map(fee -> DeclarationView.of(d, fee, BorderRuleChecks.flags(gate, d, clock.instant()))));
    }

    /**
     * A page of declarations with their fees, priced one after the other: a gate the catalogue must load is
     * read through a Hibernate session, which one request may not use for two reads at once.
     */
    public Uni<List<DeclarationView>> views(List<Declaration> page) {
        return Multi.createFrom().iterable(page).onItem().transformToUniAndConcatenate(this::view).collect().asList();
    }

    public Uni<Fee> of(Declaration d) {
        return gates.require(d.gateCode()).chain(gate -> quote(gate, d.slot().start(), d.direction(), d.vehicle(), d.cargo()));
    }

    /** The fee of a trip at {@code gate} on the day of {@code when} (in the gate's time zone). */
    public Uni<Fee> quote(Gate gate, OffsetDateTime when, Direction direction, Vehicle vehicle, Cargo cargo) {
        Load load = loadOf(direction, vehicle, cargo);
        if (load == null) {
            return Uni.createFrom().item(Fee.unpriced(gate.provinceCode, NOT_SAID));
        }
        LocalDate day = when.atZoneSameInstant(gate.zone()).toLocalDate();
        return schedules.inForce(gate.provinceCode, day)
                .map(schedule -> FeeCalculator.quote(gate.provinceCode, schedule, load));
    }

    /**
     * The load a trip is charged for; null when the record does not say what the truck carries (only a row
     * written outside the API: every booking is validated), which is then shown unpriced.
     */
    public static Load loadOf(Direction direction, Vehicle vehicle, Cargo cargo) {
        if (cargo == null || cargo.category() == null || cargo.grossWeightKg() == null) {
            return null;
        }
        return Load.of(direction, vehicle == null ? null : vehicle.kind(), cargo.grossWeightKg(),
                cargo.category().goodsGroup(), cargo.trade());
    }

    public static final String NOT_SAID = "the declaration does not say what it carries";
}
