package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0912345678        | +84912345678
            +84912345678      | +84912345678
            84912345678       | +84912345678
            0912 345 678      | +84912345678
            091.234.5678      | +84912345678
            +84-91-234-5678   | +84912345678
            +84 0912 345 678  | +84912345678
            0084912345678     | +84912345678
            0381234567        | +84381234567
            0561234567        | +84561234567
            0701234567        | +84701234567
            0861234567        | +84861234567
            +8613812345678    | +8613812345678
            +86 138 1234 5678 | +8613812345678
            8619912345678     | +8619912345678
            """)
    void sameDriverMatchesHoweverTheNumberIsTyped(String raw, String e164) {
        assertEquals(Optional.of(e164), PhoneNumber.canonical(raw));
    }

    @ParameterizedTest(name = "{0} is not a mobile number")
    @NullAndEmptySource
    @ValueSource(strings = {"0212345678", "0412345678", "0612345678", "091234567", "09123456789", "912345678",
            "+84212345678", "+8412345678", "+86 2381234567", "+861381234567", "+8612812345678",
            "(091) 2345678", "0912-345-67a", "+1 212 555 0100"})
    void refusesNonMobileNumbers(String raw) {
        assertTrue(PhoneNumber.canonical(raw).isEmpty());
    }
}
