package vn.bordergate.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amounts as a Vietnamese receipt writes them in words, checked against how accountants read them aloud. */
class VietnameseAmountTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0 | Không đồng",
            "5 | Năm đồng",
            "15 | Mười lăm đồng",
            "21 | Hai mươi mốt đồng",
            "24 | Hai mươi tư đồng",
            "105 | Một trăm linh năm đồng",
            "110 | Một trăm mười đồng",
            "1005 | Một nghìn không trăm linh năm đồng",
            "25000 | Hai mươi lăm nghìn đồng",
            "100000 | Một trăm nghìn đồng",
            "462500 | Bốn trăm sáu mươi hai nghìn năm trăm đồng",
            "1000005 | Một triệu không trăm linh năm đồng",
            "2100000 | Hai triệu một trăm nghìn đồng",
            "5500000 | Năm triệu năm trăm nghìn đồng",
            "6500000 | Sáu triệu năm trăm nghìn đồng",
            "1000000000 | Một tỷ đồng",
            "1005000000 | Một tỷ không trăm linh năm triệu đồng",
            "254000000000 | Hai trăm năm mươi tư tỷ đồng",
    })
    void amountsReadAsOnAReceipt(long vnd, String words) {
        assertEquals(words, VietnameseAmount.inWords(vnd));
    }
}
