package vn.bordergate.declaration.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerNumberTest {

    @ParameterizedTest(name = "{0} is a valid container")
    @ValueSource(strings = {"MSKU9070323", "CSQU3054383", "TGHU9993220", "MSCU1234566", "msku9070323",
            "MSKU 907032 3", "MSKU-907032-3", "MSKU 907032-3"})
    void acceptsRealContainerNumbersHoweverTyped(String raw) {
        assertNull(ContainerNumber.problem(raw));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MSKU9070324 | check digit should be 3
            MSKU9070320 | check digit should be 3
            CSQU3054380 | check digit should be 3
            TGHU9993221 | check digit should be 0
            MSCU1234567 | check digit should be 6
            msku 907032-5 | check digit should be 3
            """)
    void tellsTheClerkWhichCheckDigitWasExpected(String raw, String message) {
        assertEquals(message, ContainerNumber.problem(raw));
    }

    @ParameterizedTest(name = "{0} is badly formed")
    @NullAndEmptySource
    @ValueSource(strings = {"MSK9070323", "MSKU907032", "MSKU90703233", "MSK19070323", "MSKU90703X3",
            "MSKU.9070323", "МSKU9070323"})
    void explainsTheExpectedShape(String raw) {
        assertEquals("must be 4 letters then 7 digits, e.g. MSKU9070323", ContainerNumber.problem(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MSKA9070323", "MSKX9070323"})
    void rejectsAnUnknownEquipmentCategory(String raw) {
        assertEquals("4th letter must be U, J or Z", ContainerNumber.problem(raw));
    }

    @ParameterizedTest
    @CsvSource({"msku 907032-3,MSKU9070323", "MSKU9070323,MSKU9070323", "' tghu-999322 0 ',TGHU9993220"})
    void normalisesToThePrintedForm(String raw, String normalised) {
        assertEquals(normalised, ContainerNumber.normalise(raw));
    }
}
