package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VehiclePlateTest {

    @ParameterizedTest(name = "{0} is recognised as truck {1}")
    @CsvSource(delimiter = '|', textBlock = """
            29C-123.45   | 29C12345
            29C12345     | 29C12345
            29c 123.45   | 29C12345
            29C 123.45   | 29C12345
            ' 29c-12345 '| 29C12345
            12R-012.34   | 12R01234
            29LD-123.45  | 29LD12345
            51C-1234     | 51C1234
            99C1-123.45  | 99C112345
            11H-000.01   | 11H00001
            29 C 123 45  | 29C12345
            29C1-234.56  | 29C123456
            """)
    void vietnamesePlatesTypedAnyWayGiveOneKey(String raw, String key) {
        assertEquals(Optional.of(key), VehiclePlate.canonical(raw, "VN"));
    }

    @Test
    void sameTruckTypedThreeWaysIsTheSameTruck() {
        var keys = java.util.stream.Stream.of("29C-123.45", "29c12345", "29C 123.45")
                .map(p -> VehiclePlate.canonical(p, "VN").orElseThrow())
                .distinct().toList();
        assertEquals(java.util.List.of("29C12345"), keys);
    }

    @ParameterizedTest(name = "{0} is not a Vietnamese truck plate")
    @NullAndEmptySource
    @ValueSource(strings = {"10C-123.45", "05C-123.45", "9C-123.45", "29-123.45", "29C-123", "29C-123.456", "29C-12.345", "29C.1234.5",
            "29CDE-123.45", "1C2-123.45", "29C_123.45", "29C-12A.45", "桂A12345", "29Ç-123.45"})
    void rejectsWhatIsNotAVietnamesePlate(String raw) {
        assertTrue(VehiclePlate.canonical(raw, "VN").isEmpty());
    }

    @ParameterizedTest(name = "{0} is recognised as Chinese truck {1}")
    @CsvSource(delimiter = '|', textBlock = """
            桂A12345   | 桂A12345
            桂A·12345  | 桂A12345
            桂a·1234x  | 桂A1234X
            粤B 6F8K2  | 粤B6F8K2
            云A-D12345 | 云AD12345
            京N.AB123  | 京NAB123
            """)
    void chinesePlatesTypedAnyWayGiveOneKey(String raw, String key) {
        assertEquals(Optional.of(key), VehiclePlate.canonical(raw, "CN"));
    }

    @ParameterizedTest(name = "{0} is not a Chinese truck plate")
    @NullAndEmptySource
    @ValueSource(strings = {"桂A1234", "桂A1234567", "桂AI2345", "桂A12O45", "A12345", "桂112345", "台A12345",
            "29C-123.45", "桂A·12 345_"})
    void rejectsWhatIsNotAChinesePlate(String raw) {
        assertTrue(VehiclePlate.canonical(raw, "CN").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LA", "vn", "", "TH"})
    void unknownCountryHasNoPlates(String country) {
        assertTrue(VehiclePlate.canonical("29C-123.45", country).isEmpty());
        assertTrue(VehiclePlate.canonical("29C-123.45", null).isEmpty());
    }

    @ParameterizedTest(name = "{0} ({1}) is shown as {2} and on the board as {3}")
    @CsvSource(delimiter = '|', textBlock = """
            29C12345  | VN | 29C-123.45  | 29C-***.45
            51C1234   | VN | 51C-1234    | 51C-**34
            29LD12345 | VN | 29LD-123.45 | 29LD-***.45
            29c-12345 | VN | 29C-123.45  | 29C-***.45
            桂A12345  | CN | 桂A12345    | 桂A***45
            云AD12345 | CN | 云AD12345   | 云A****45
            """)
    void displaysTidyAndMaskedForms(String plate, String country, String display, String masked) {
        assertEquals(display, VehiclePlate.display(plate, country));
        assertEquals(masked, VehiclePlate.masked(plate, country));
    }

    @Test
    void refusesToMaskAnInvalidPlateRatherThanLeakIt() {
        assertThrows(IllegalArgumentException.class, () -> VehiclePlate.masked("not a plate", "VN"));
        assertThrows(IllegalArgumentException.class, () -> VehiclePlate.display("29C12345", "CN"));
    }
}
