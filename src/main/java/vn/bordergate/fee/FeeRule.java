package vn.bordergate.fee;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.Direction;

import java.math.BigDecimal;
import java.util.List;

/**
 * One band of a fee schedule. A list left empty (or out) matches every value. The vehicle and the tonnage
 * are alternatives, as the resolutions word their bands ("18 t or more, or a 40-ft container"): with both
 * given, a load matches when either does.
 */
@Schema(description = "One band: the first band (in order) that matches a load prices it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeeRule(
        @Schema(description = "What the band is called in the resolution", maxLength = 200, required = true,
                examples = "Hàng TNTX, container 40 feet")
        String name,
        @Schema(maxItems = 4) List<CustomsRegime> regimes,
        @Schema(maxItems = 5) List<GoodsGroup> goodsGroups,
        @Schema(maxItems = 2) List<Direction> directions,
        @Schema(description = "Only dutiable (true) or only duty-free (false) goods; left out: both")
        Boolean dutiable,
        @Schema(maxItems = 3) List<VehicleKind> vehicles,
        @Schema(description = "Lower tonnage bound, inclusive", minimum = "0", maximum = "100")
        BigDecimal minTonnes,
        @Schema(description = "Upper tonnage bound, exclusive", minimum = "0", maximum = "100")
        BigDecimal maxTonnes,
        @Schema(required = true) Basis basis,
        @Schema(description = "VND per trip or per tonne", minimum = "0", maximum = "1000000000", required = true,
                examples = "6500000")
        Long rateVnd) {

    /** How the rate is applied. */
    public enum Basis {
        PER_TRIP, PER_TONNE
    }

    boolean matches(Load load) {
        return anyOrContains(regimes, load.regime()) && anyOrContains(goodsGroups, load.goodsGroup())
                && anyOrContains(directions, load.direction())
                && (dutiable == null || dutiable == load.dutiable())
                && vehicleOrTonnage(load);
    }

    private boolean vehicleOrTonnage(Load load) {
        boolean byVehicle = vehicles != null && !vehicles.isEmpty();
        boolean byTonnage = minTonnes != null || maxTonnes != null;
        if (!byVehicle && !byTonnage) {
            return true;
        }
        return (byVehicle && vehicles.contains(load.vehicle())) || (byTonnage && inBand(load.tonnes()));
    }

    private boolean inBand(BigDecimal tonnes) {
        return (minTonnes == null || tonnes.compareTo(minTonnes) >= 0)
                && (maxTonnes == null || tonnes.compareTo(maxTonnes) < 0);
    }

    static <T> boolean anyOrContains(List<T> allowed, T value) {
        return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }
}
