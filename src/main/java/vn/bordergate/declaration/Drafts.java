package vn.bordergate.declaration;

import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.declaration.validation.ContainerNumber;
import vn.bordergate.declaration.validation.HsCode;
import vn.bordergate.declaration.validation.PhoneNumber;
import vn.bordergate.declaration.validation.VehiclePlate;

import java.util.List;
import java.util.UUID;

/**
 * Puts validated input into its stored form: plates, phones, container numbers and HS codes in one
 * canonical spelling, so the same truck or container is recognised however it was typed. Free text
 * (names, descriptions) is kept exactly as sent.
 */
public final class Drafts {

    private Drafts() {
    }

    /** A new declaration of {@code request} at {@code gateCode}, BOOKED, by {@code createdBy} for firm {@code taxCode}; no slot yet. */
    public static Declaration booking(UUID id, String gateCode, DeclarationRequest request, String taxCode, String createdBy) {
        return new Declaration(id, null, gateCode, request.direction(), null, DeclarationStatus.BOOKED,
                request.cargo().category().priority(), 0, 1, taxCode, plateKey(request.vehicle()),
                phone(request.driver()), vehicle(request.vehicle()), driver(request.driver()),
                cargo(request.cargo()), feePayer(request.feePayer()), createdBy, null, null);
    }

    public static String plateKey(Vehicle vehicle) {
        return VehiclePlate.canonical(vehicle.plate(), vehicle.country()).orElseThrow();
    }

    public static Vehicle vehicle(Vehicle v) {
        String trailer = v.trailerPlate() == null || v.trailerPlate().isBlank() ? null
                : VehiclePlate.display(VehiclePlate.canonical(v.trailerPlate(), v.country()).orElseThrow(), v.country());
        return new Vehicle(VehiclePlate.display(plateKey(v), v.country()), trailer, v.country(), v.kind());
    }

    public static String phone(Driver driver) {
        return PhoneNumber.canonical(driver.phone()).orElseThrow();
    }

    public static Driver driver(Driver d) {
        return new Driver(d.fullName(), d.idNumber().toUpperCase(java.util.Locale.ROOT), phone(d));
    }

    public static Cargo cargo(Cargo c) {
        List<String> containers = c.containerNumbers() == null ? List.of()
                : c.containerNumbers().stream().map(ContainerNumber::normalise).toList();
        List<String> customs = c.customsDeclarationNumbers() == null ? List.of() : List.copyOf(c.customsDeclarationNumbers());
        String hsCode = c.hsCode() == null || c.hsCode().isBlank() ? null : HsCode.normalise(c.hsCode());
        return new Cargo(c.category(), c.description(), hsCode, c.grossWeightKg(), containers, customs, c.trade());
    }

    /** The fee payer with a canonical phone; null (the declaring firm pays) when none is named. */
    public static FeePayer feePayer(FeePayer p) {
        if (p == null) {
            return null;
        }
        String phone = p.phone() == null || p.phone().isBlank() ? null : PhoneNumber.canonical(p.phone()).orElseThrow();
        String address = p.address() == null || p.address().isBlank() ? null : p.address().strip();
        return new FeePayer(p.name().strip(), p.taxCode(), address, phone);
    }
}
