package vn.bordergate.payment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VietQR string read back by an EMVCo TLV parser written here from the specification (not from the
 * code under test): every field where NAPAS puts it, and a CRC a bank's app accepts.
 */
class VietQrTest {

    @Test
    void theCrcIsCrc16CcittFalse() {
        // The standard check value of CRC-16/CCITT-FALSE.
        assertEquals("29B1", VietQr.crc("123456789"));
    }

    @Test
    void aTransferReadsBackFieldByFieldWithAValidCrc() {
        String qr = VietQr.transfer("970436", "0071000123456", 5_500_000, "BGK7Q2M9XA");
        Map<String, String> top = parse(qr);

        assertEquals("01", top.get("00"));
        assertEquals("12", top.get("01"));
        Map<String, String> merchant = parse(top.get("38"));
        assertEquals("A000000727", merchant.get("00"));
        assertEquals(Map.of("00", "970436", "01", "0071000123456"), parse(merchant.get("01")));
        assertEquals("QRIBFTTA", merchant.get("02"));
        assertEquals("704", top.get("53"));
        assertEquals("5500000", top.get("54"));
        assertEquals("VN", top.get("58"));
        assertEquals("BGK7Q2M9XA", parse(top.get("62")).get("08"));

        assertTrue(qr.endsWith("6304" + top.get("63")), "the CRC is the last field");
        assertEquals(crcOf(qr.substring(0, qr.length() - 4)), top.get("63"));
    }

    @Test
    void anAmountChangedOnTheWayNoLongerMatchesItsCrc() {
        String qr = VietQr.transfer("970436", "0071000123456", 5_500_000, "BGK7Q2M9XA");
        String altered = qr.replace("54075500000", "54075500001");
        assertTrue(!altered.equals(qr));
        assertTrue(!crcOf(altered.substring(0, altered.length() - 4)).equals(altered.substring(altered.length() - 4)));
    }

    @Test
    void onlyWhatABankCanCarryIsEncoded() {
        assertThrows(IllegalArgumentException.class, () -> VietQr.transfer("97043", "0071000123456", 1, "BG1"));
        assertThrows(IllegalArgumentException.class, () -> VietQr.transfer("970436", "0071000123456", 0, "BG1"));
        assertThrows(IllegalArgumentException.class, () -> VietQr.transfer("970436", "0071000123456", 1, "bg 1"));
    }

    /** EMVCo TLV: two-digit id, two-digit length, value; fails on a length that runs past the end. */
    static Map<String, String> parse(String tlv) {
        Map<String, String> fields = new LinkedHashMap<>();
        int at = 0;
        while (at < tlv.length()) {
            String id = tlv.substring(at, at + 2);
            int length = Integer.parseInt(tlv.substring(at + 2, at + 4));
            fields.put(id, tlv.substring(at + 4, at + 4 + length));
            at += 4 + length;
        }
        assertEquals(tlv.length(), at);
        return fields;
    }

    /** CRC-16 with polynomial 0x1021 and initial value 0xFFFF, bit by bit from the definition. */
    static String crcOf(String text) {
        int register = 0xFFFF;
        for (char c : text.toCharArray()) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean in = ((c >> bit) & 1) == 1;
                boolean top = (register & 0x8000) != 0;
                register = (register << 1) & 0xFFFF;
                if (in ^ top) {
                    register ^= 0x1021;
                }
            }
        }
        return String.format("%04X", register);
    }
}
