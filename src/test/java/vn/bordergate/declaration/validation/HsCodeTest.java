package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HsCodeTest {

    @ParameterizedTest(name = "{0} is a valid HS code")
    @ValueSource(strings = {"0810", "081090", "0810.90", "08109010", "0810.90.10", "0810901000", "0810.90.10.00"})
    void acceptsHeadingsSubheadingsAndNationalLinesWithOrWithoutDots(String code) {
        assertTrue(HsCode.isValid(code));
    }

    @ParameterizedTest(name = "{0} is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"081", "08109", "0810901", "081090100", "08109010001", "0810-90", "0810 90", "08A0", "."})
    void refusesOtherLengthsAndCharacters(String code) {
        assertFalse(HsCode.isValid(code));
    }

    @ParameterizedTest
    @CsvSource({"0810.90.10,08109010", "081090,081090"})
    void stripsTheDots(String raw, String normalised) {
        assertEquals(normalised, HsCode.normalise(raw));
    }
}
