package vn.bordergate.declaration;

import vn.bordergate.declaration.validation.PhoneNumber;
import vn.bordergate.declaration.validation.TaxCode;
import vn.bordergate.declaration.validation.VehiclePlate;
import vn.bordergate.http.FieldError;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a declaration field by field and reports every problem at once, named by JSON path. */
public final class DeclarationValidator {

    static final String REQUIRED = "is required";
    // \p{M} admits Vietnamese diacritics typed as combining marks (decomposed input from some keyboards).
    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'’-]*");
    private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{12}|[0-9]{9}|[A-Za-z]{1,2}[0-9]{6,8}");

    private DeclarationValidator() {
    }

    /** All problems with a new declaration; empty when it may be booked. */
    public static List<FieldError> validate(DeclarationRequest r) {
        if (r == null) {
            return List.of(new FieldError("body", REQUIRED));
        }
        List<FieldError> errors = new ArrayList<>();
        present(r.gateCode(), "gateCode", errors);
        present(r.direction(), "direction", errors);
        present(r.vehicle(), "vehicle", errors);
        present(r.driver(), "driver", errors);
        present(r.cargo(), "cargo", errors);
        errors.addAll(validateParts(r.vehicle(), r.driver(), r.cargo(), r.feePayer()));
        return List.copyOf(errors);
    }

    /**
     * All problems with a draft that is only to be priced: the gate, the direction and what the fee reads
     * from the cargo. Driver, plate, description and customs numbers may still be missing.
     */
    public static List<FieldError> validateForQuote(DeclarationRequest r) {
        if (r == null) {
            return List.of(new FieldError("body", REQUIRED));
        }
        List<FieldError> errors = new ArrayList<>();
        present(r.gateCode(), "gateCode", errors);
        present(r.direction(), "direction", errors);
        if (present(r.cargo(), "cargo", errors)) {
            CargoRules.checkPriced(r.cargo(), errors);
        }
        return List.copyOf(errors);
    }

    /** All problems with an amendment; a null part is not being amended and is skipped. */
    public static List<FieldError> validateParts(Vehicle v, Driver d, Cargo c, FeePayer p) {
        List<FieldError> errors = new ArrayList<>();
        if (v != null) {
            checkVehicle(v, errors);
        }
        if (d != null) {
            checkDriver(d, errors);
        }
        if (c != null) {
            CargoRules.check(c, errors);
        }
        if (p != null) {
            checkFeePayer(p, errors);
        }
        return List.copyOf(errors);
    }

    private static void checkVehicle(Vehicle v, List<FieldError> errors) {
        String country = v.country();
        boolean known = "VN".equals(country) || "CN".equals(country);
        // Without a known country the plate cannot be judged; the country error alone says what to fix.
        if (present(v.plate(), "vehicle.plate", errors) && known) {
            checkPlate("vehicle.plate", v.plate(), country, errors);
        }
        if (!isBlank(v.trailerPlate()) && known) {
            checkPlate("vehicle.trailerPlate", v.trailerPlate(), country, errors);
        }
        if (present(country, "vehicle.country", errors) && !known) {
            errors.add(new FieldError("vehicle.country", "must be VN or CN"));
        }
    }

    private static void checkPlate(String path, String plate, String country, List<FieldError> errors) {
        if (VehiclePlate.canonical(plate, country).isEmpty()) {
            errors.add(new FieldError(path, "VN".equals(country)
                    ? "is not a Vietnamese plate (e.g. 29C-123.45)"
                    : "is not a Chinese plate (e.g. 桂A·12345)"));
        }
    }

    private static void checkDriver(Driver d, List<FieldError> errors) {
        String name = d.fullName() == null ? "" : d.fullName().strip();
        if (present(name, "driver.fullName", errors)) {
            if (name.length() < 2 || name.length() > 100) {
                errors.add(new FieldError("driver.fullName", "must be 2 to 100 characters"));
            } else if (!NAME.matcher(name).matches()) {
                errors.add(new FieldError("driver.fullName",
                        "may contain only letters, spaces, apostrophes, hyphens and dots"));
            }
        }
        if (present(d.idNumber(), "driver.idNumber", errors) && !ID_NUMBER.matcher(d.idNumber()).matches()) {
            errors.add(new FieldError("driver.idNumber",
                    "must be a 12-digit citizen ID, a 9-digit ID card or a passport number"));
        }
        if (present(d.phone(), "driver.phone", errors) && PhoneNumber.canonical(d.phone()).isEmpty()) {
            errors.add(new FieldError("driver.phone",
                    "is not a Vietnamese or Chinese mobile number (e.g. 0912345678)"));
        }
    }

    private static void checkFeePayer(FeePayer p, List<FieldError> errors) {
        if (present(p.name(), "feePayer.name", errors) && p.name().strip().length() > 200) {
            errors.add(new FieldError("feePayer.name", "must be at most 200 characters"));
        }
        if (present(p.taxCode(), "feePayer.taxCode", errors) && !TaxCode.isValid(p.taxCode())) {
            errors.add(new FieldError("feePayer.taxCode",
                    "is not a Vietnamese tax code (10 digits with a valid check digit, optionally -NNN for a branch)"));
        }
        if (p.address() != null && p.address().length() > 300) {
            errors.add(new FieldError("feePayer.address", "must be at most 300 characters"));
        }
        if (!isBlank(p.phone()) && PhoneNumber.canonical(p.phone()).isEmpty()) {
            errors.add(new FieldError("feePayer.phone", "is not a Vietnamese or Chinese mobile number (e.g. 0912345678)"));
        }
    }

    /** Adds "is required" when the value is null or blank text; true when it is there to check further. */
    static boolean present(Object value, String path, List<FieldError> errors) {
        boolean present = value instanceof String s ? !s.isBlank() : value != null;
        if (!present) {
            errors.add(new FieldError(path, REQUIRED));
        }
        return present;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
