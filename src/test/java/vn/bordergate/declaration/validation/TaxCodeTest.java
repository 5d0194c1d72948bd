package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaxCodeTest {

    @ParameterizedTest(name = "{0} is a valid tax code")
    @ValueSource(strings = {"0100109106", "0300588569", "0100109106-001", "0300588569-012"})
    void acceptsEnterprisesAndTheirBranches(String code) {
        assertTrue(TaxCode.isValid(code));
    }

    @ParameterizedTest(name = "{0} is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"0100109107", "0100109105", "1100109106", "0000000000", "010010910",
            "01001091060", "0100109106-01", "0100109106-0001", "0100109106001", "0100109106 001",
            "01001O9106", " 0100109106", "0100109106-"})
    void refusesMistypedOrMalformedCodes(String code) {
        assertFalse(TaxCode.isValid(code));
    }
}
