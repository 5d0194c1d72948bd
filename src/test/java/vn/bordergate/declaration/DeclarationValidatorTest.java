package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bordergate.http.FieldError;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.gate.Direction;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeclarationValidatorTest {

    private static final Vehicle VEHICLE = new Vehicle("12C-123.45", "12R-012.34", "VN", null);
    private static final Driver DRIVER = new Driver("Nguyễn Văn Ánh", "001099012345", "0912345678");
    private static final Cargo CARGO = cargo(CargoCategory.FRESH_FRUIT, "18500", List.of("MSKU9070323"),
            List.of("305123456789"));

    private static Cargo cargo(CargoCategory category, String weight, List<String> containers, List<String> customs) {
        return new Cargo(category, "Thanh long ruột đỏ", "081090", weight == null ? null : new BigDecimal(weight),
                containers, customs, null);
    }

    private static DeclarationRequest request(Vehicle v, Driver d, Cargo c) {
        return new DeclarationRequest("HUU_NGHI", Direction.EXPORT, OffsetDateTime.parse("2026-11-29T08:00:00+07:00"),
                v, d, c);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void theDesignExampleIsAccepted() {
        assertEquals(List.of(), DeclarationValidator.validate(request(VEHICLE, DRIVER, CARGO)));
    }

    @Test
    void anEmptyRequestListsEveryMissingTopLevelField() {
        var errors = DeclarationValidator.validate(new DeclarationRequest(null, null, null, null, null, null));
        assertEquals(List.of("gateCode", "direction", "vehicle", "driver", "cargo"), fields(errors));
        assertTrue(errors.stream().allMatch(e -> e.message().equals("is required")));
    }

    @Test
    void aMissingBodyIsReportedNotThrown() {
        assertEquals(List.of(new FieldError("body", "is required")), DeclarationValidator.validate(null));
    }

    @Test
    void everyBadFieldIsReportedAtOnceWithItsPath() {
        var request = new DeclarationRequest(" ", Direction.IMPORT, null,
                new Vehicle("29C-12", "桂A12345", "VN", null),
                new Driver("X", "12345", "12345"),
                new Cargo(null, "", "12", new BigDecimal("70000"),
                        List.of("MSKU9070323", "MSKU9070324"), List.of("305123456789", "30512345678"), null));
        assertEquals(List.of(
                new FieldError("gateCode", "is required"),
                new FieldError("vehicle.plate", "is not a Vietnamese plate (e.g. 29C-123.45)"),
                new FieldError("vehicle.trailerPlate", "is not a Vietnamese plate (e.g. 29C-123.45)"),
                new FieldError("driver.fullName", "must be 2 to 100 characters"),
                new FieldError("driver.idNumber", "must be a 12-digit citizen ID, a 9-digit ID card or a passport number"),
                new FieldError("driver.phone", "is not a Vietnamese or Chinese mobile number (e.g. 0912345678)"),
                new FieldError("cargo.category", "is required"),
                new FieldError("cargo.description", "is required"),
                new FieldError("cargo.hsCode", "must be 4, 6, 8 or 10 digits (e.g. 0810.90)"),
                new FieldError("cargo.grossWeightKg", "must be above 0 and at most 60000 kg"),
                new FieldError("cargo.containerNumbers[1]", "check digit should be 3"),
                new FieldError("cargo.customsDeclarationNumbers[1]", "must be 12 digits")),
                DeclarationValidator.validate(request));
    }

    @ParameterizedTest(name = "country {0}, plate {1}, trailer {2} -> {3}: {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            VN   | null       | null      | vehicle.plate        | is required
            VN   | ' '        | null      | vehicle.plate        | is required
            VN   | 桂A12345   | null      | vehicle.plate        | is not a Vietnamese plate (e.g. 29C-123.45)
            CN   | 29C-123.45 | null      | vehicle.plate        | is not a Chinese plate (e.g. 桂A·12345)
            CN   | 桂A12345   | 29R-1234  | vehicle.trailerPlate | is not a Chinese plate (e.g. 桂A·12345)
            null | 29C-123.45 | null      | vehicle.country      | is required
            LA   | 29C-123.45 | null      | vehicle.country      | must be VN or CN
            vn   | 29C-123.45 | null      | vehicle.country      | must be VN or CN
            """)
    void vehicleProblemsNameTheField(String country, String plate, String trailer, String field, String message) {
        var errors = DeclarationValidator.validateParts(new Vehicle(plate, trailer, country, null), null, null, null);
        assertEquals(List.of(new FieldError(field, message)), errors);
    }

    @ParameterizedTest(name = "{0} / {1} is accepted")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            29C-123.45 | null
            29c12345   | ''
            51C-1234   | 29R-012.34
            """)
    void vietnameseTrucksWithOrWithoutTrailerAreAccepted(String plate, String trailer) {
        assertEquals(List.of(), DeclarationValidator.validateParts(new Vehicle(plate, trailer, "VN", null), null, null, null));
    }

    @Test
    void chineseTrucksAreAccepted() {
        assertEquals(List.of(), DeclarationValidator.validateParts(new Vehicle("桂A·12345", "桂A-D1234", "CN", null),
                new Driver("Li Wei", "E12345678", "+86 138 1234 5678"), null, null));
    }

    @ParameterizedTest(name = "name {0} is accepted")
    @ValueSource(strings = {"Nguyễn Văn Ánh", "Đặng Thị Hồng-Nhung", "Lê Q. Trọng", "O'Neil", "Ngô Thị Thu’s",
            "Li", "  Trần Bình  ", "李伟"})
    void vietnameseAndForeignNamesAreAccepted(String name) {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, new Driver(name, "001099012345",
                "0912345678"), null, null));
        // Some keyboards send diacritics as combining marks; the same name must still pass.
        var decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        assertEquals(List.of(), DeclarationValidator.validateParts(null, new Driver(decomposed, "001099012345",
                "0912345678"), null, null));
    }

    @ParameterizedTest(name = "name [{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''             | is required
            '   '          | is required
            A              | must be 2 to 100 characters
            ' A '          | must be 2 to 100 characters
            Nguyen Van 2   | may contain only letters, spaces, apostrophes, hyphens and dots
            Nguyễn_Văn     | may contain only letters, spaces, apostrophes, hyphens and dots
            -Nguyễn        | may contain only letters, spaces, apostrophes, hyphens and dots
            Ánh 😀         | may contain only letters, spaces, apostrophes, hyphens and dots
            """)
    void badNamesAreExplained(String name, String message) {
        assertEquals(List.of(new FieldError("driver.fullName", message)),
                DeclarationValidator.validateParts(null, new Driver(name, "001099012345", "0912345678"), null, null));
    }

    @Test
    void aNameLongerThanOneHundredCharactersIsRefused() {
        var name = "Ánh ".repeat(26);
        assertEquals(List.of(new FieldError("driver.fullName", "must be 2 to 100 characters")),
                DeclarationValidator.validateParts(null, new Driver(name, "001099012345", "0912345678"), null, null));
    }

    @ParameterizedTest(name = "id {0} is accepted")
    @ValueSource(strings = {"001099012345", "123456789", "B1234567", "C12345678", "ab123456", "E123456"})
    void citizenIdsOldIdsAndPassportsAreAccepted(String id) {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, new Driver("Trần An", id, "0912345678"), null, null));
    }

    @ParameterizedTest(name = "id {0} is refused")
    @ValueSource(strings = {"00109901234", "0010990123456", "12345678", "ABC123456", "B12345", "B123456789",
            "001 099 012 345", "1234567890"})
    void malformedIdsAreRefused(String id) {
        assertEquals(List.of("driver.idNumber"),
                fields(DeclarationValidator.validateParts(null, new Driver("Trần An", id, "0912345678"), null, null)));
    }

    @ParameterizedTest(name = "weight {0} kg is accepted")
    @ValueSource(strings = {"0.5", "1", "18500", "60000", "60000.00"})
    void weightsUpToTheLegalLimitAreAccepted(String weight) {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, null,
                cargo(CargoCategory.GENERAL, weight, null, List.of("305123456789")), null));
    }

    @ParameterizedTest(name = "weight {0} kg for {1} is refused")
    @CsvSource({"0,GENERAL", "-1,FROZEN", "60000.01,GENERAL", "185000000,FRESH_FRUIT", "0,EMPTY", "-3000,EMPTY"})
    void weightsOutsideTheLegalBoundsAreRefusedEvenForEmptyTrucks(String weight, CargoCategory category) {
        assertEquals(List.of(new FieldError("cargo.grossWeightKg", "must be above 0 and at most 60000 kg")),
                DeclarationValidator.validateParts(null, null, cargo(category, weight, null, List.of("305123456789")), null));
    }

    @Test
    void aMissingWeightIsRequired() {
        assertEquals(List.of(new FieldError("cargo.grossWeightKg", "is required")),
                DeclarationValidator.validateParts(null, null, cargo(CargoCategory.GENERAL, null, null,
                        List.of("305123456789")), null));
    }

    @ParameterizedTest(name = "{0} without a customs declaration is refused")
    @EnumSource(value = CargoCategory.class, names = "EMPTY", mode = EnumSource.Mode.EXCLUDE)
    void loadedTrucksNeedACustomsDeclaration(CargoCategory category) {
        var expected = List.of(new FieldError("cargo.customsDeclarationNumbers", "is required unless the category is EMPTY"));
        assertEquals(expected, DeclarationValidator.validateParts(null, null, cargo(category, "9000", null, null), null));
        assertEquals(expected, DeclarationValidator.validateParts(null, null, cargo(category, "9000", null, List.of()), null));
    }

    @Test
    void anEmptyTruckNeedsNoCustomsDeclaration() {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, null,
                cargo(CargoCategory.EMPTY, "7500", null, null), null));
    }

    @Test
    void eachBadListEntryIsNamedByItsIndex() {
        var cargo = cargo(CargoCategory.FROZEN, "20000",
                Arrays.asList("msku 907032-3", "CSQU3054380", null, "MSKU-9070323"),
                Arrays.asList("305123456789", "30512345678x", "", "305123456789"));
        assertEquals(List.of(
                new FieldError("cargo.containerNumbers[1]", "check digit should be 3"),
                new FieldError("cargo.containerNumbers[2]", "is required"),
                new FieldError("cargo.containerNumbers[3]", "is listed twice"),
                new FieldError("cargo.customsDeclarationNumbers[1]", "must be 12 digits"),
                new FieldError("cargo.customsDeclarationNumbers[2]", "is required"),
                new FieldError("cargo.customsDeclarationNumbers[3]", "is listed twice")),
                DeclarationValidator.validateParts(null, null, cargo, null));
    }

    @Test
    void atMostFourContainersAndTwentyCustomsDeclarationsFitOneTruck() {
        var containers = List.of("MSKU9070323", "CSQU3054383", "TGHU9993220", "MSCU1234566", "MSKU9070323");
        var customs = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> String.format("3051234567%02d", i))
                .toList();
        var errors = DeclarationValidator.validateParts(null, null, cargo(CargoCategory.GENERAL, "9000",
                containers, customs), null);
        assertEquals(List.of(
                new FieldError("cargo.containerNumbers", "must list at most 4 containers"),
                new FieldError("cargo.containerNumbers[4]", "is listed twice"),
                new FieldError("cargo.customsDeclarationNumbers", "must list at most 20 declarations")), errors);
    }

    @ParameterizedTest(name = "HS code [{0}] is accepted")
    @CsvSource(nullValues = "null", value = {"null", "''", "0810", "0810.90", "08109010"})
    void hsCodeIsOptional(String hsCode) {
        var cargo = new Cargo(CargoCategory.GENERAL, "Máy móc", hsCode, BigDecimal.TEN, null, List.of("305123456789"), null);
        assertEquals(List.of(), DeclarationValidator.validateParts(null, null, cargo, null));
    }

    @Test
    void aDescriptionOver500CharactersIsRefused() {
        var cargo = new Cargo(CargoCategory.GENERAL, "ổ".repeat(501), null, BigDecimal.TEN, null,
                List.of("305123456789"), null);
        assertEquals(List.of(new FieldError("cargo.description", "must be at most 500 characters")),
                DeclarationValidator.validateParts(null, null, cargo, null));
    }

    @Test
    void anAmendmentChecksOnlyThePartsItChanges() {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, null, null, null));
        var errors = DeclarationValidator.validateParts(null, new Driver(null, null, "0212345678"), null, null);
        assertEquals(List.of("driver.fullName", "driver.idNumber", "driver.phone"), fields(errors));
    }

    @ParameterizedTest(name = "a request without {0} says so")
    @ValueSource(strings = {"vehicle", "driver", "cargo"})
    void aMissingPartIsRequired(String part) {
        var request = request("vehicle".equals(part) ? null : VEHICLE, "driver".equals(part) ? null : DRIVER,
                "cargo".equals(part) ? null : CARGO);
        assertEquals(List.of(new FieldError(part, "is required")), DeclarationValidator.validate(request));
    }

    @Test
    void aFeePayerNeedsANameAndAValidTaxCodeAndAnyPhoneGivenMustBeAMobile() {
        assertEquals(List.of(), DeclarationValidator.validateParts(null, null, null,
                new DeclarationRequest.FeePayer("Công ty TNHH Vận tải Đồng Đăng", "0300588569-001", null, "0912345678")));
        assertEquals(List.of("feePayer.name", "feePayer.taxCode"), fields(DeclarationValidator.validateParts(null, null, null,
                new DeclarationRequest.FeePayer(" ", "0300588568", null, null))));
        assertEquals(List.of("feePayer.taxCode", "feePayer.address", "feePayer.phone"),
                fields(DeclarationValidator.validateParts(null, null, null,
                        new DeclarationRequest.FeePayer("Đồng Đăng", null, "x".repeat(301), "12"))));
    }
}
