package vn.bordergate.declaration;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** What a logistics firm submits to declare one truck crossing. */
public record DeclarationRequest(
        String gateCode,
        Direction direction,
        OffsetDateTime slotStart,
        Vehicle vehicle,
        Driver driver,
        Cargo cargo) {

    /** The truck; {@code country} is VN or CN. */
    public record Vehicle(String plate, String trailerPlate, String country) {
    }

    /** The person driving; name keeps its Vietnamese diacritics. */
    public record Driver(String fullName, String idNumber, String phone) {
    }

    /** What the truck carries. */
    public record Cargo(
            CargoCategory category,
            String description,
            String hsCode,
            BigDecimal grossWeightKg,
            List<String> containerNumbers,
            List<String> customsDeclarationNumbers) {
    }
}
