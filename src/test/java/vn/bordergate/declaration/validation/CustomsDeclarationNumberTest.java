package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomsDeclarationNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"305123456789", "100000000000", "000000000001"})
    void acceptsTwelveDigits(String number) {
        assertTrue(CustomsDeclarationNumber.isValid(number));
    }

    @ParameterizedTest(name = "{0} is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"30512345678", "3051234567890", "305-123456789", "305 123456789", "30512345678A",
            "３０５１２３４５６７８９"})
    void refusesAnythingButTwelveDigits(String number) {
        assertFalse(CustomsDeclarationNumber.isValid(number));
    }
}
