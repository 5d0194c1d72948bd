package vn.bordergate.payment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The VietQR string of a transfer to a collecting account: NAPAS's profile of the EMVCo merchant-presented QR.
 * Each field is an id (2 digits), its length (2 digits) and its value; banks' apps read the account, the
 * amount and the reference from it, and the reference comes back on the collector's bank statement.
 */
public final class VietQr {

    private static final String NAPAS = "A000000727";
    private static final String TRANSFER_TO_ACCOUNT = "QRIBFTTA";
    private static final Pattern BIN = Pattern.compile("[0-9]{6}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Za-z]{1,19}");
    private static final Pattern REFERENCE = Pattern.compile("[0-9A-Z]{1,25}");

    private VietQr() {
    }

    /**
     * A dynamic QR (its amount is fixed) for {@code amountVnd} to account {@code account} at the bank whose
     * NAPAS BIN is {@code bankBin}, carrying {@code reference} as the purpose of the transfer.
     */
    public static String transfer(String bankBin, String account, long amountVnd, String reference) {
        if (!BIN.matcher(bankBin).matches() || !ACCOUNT.matcher(account).matches()
                || !REFERENCE.matcher(reference).matches() || amountVnd <= 0 || amountVnd > 9_999_999_999_999L) {
            throw new IllegalArgumentException("not a VietQR transfer: " + bankBin + " " + account + " " + reference);
        }
        String beneficiary = field("00", bankBin) + field("01", account);
        String merchantAccount = field("00", NAPAS) + field("01", beneficiary) + field("02", TRANSFER_TO_ACCOUNT);
        String payload = field("00", "01")           // payload format indicator
                + field("01", "12")                  // dynamic: used for one payment
                + field("38", merchantAccount)
                + field("53", "704")                 // VND
                + field("54", Long.toString(amountVnd))
                + field("58", "VN")
                + field("62", field("08", reference)) // purpose of transaction: the payment reference
                + "6304";
        return payload + crc(payload);
    }

    /** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as four upper-case hex digits. */
    static String crc(String text) {
        int crc = 0xFFFF;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return String.format(Locale.ROOT, "%04X", crc);
    }

    private static String field(String id, String value) {
        return id + String.format(Locale.ROOT, "%02d", value.length()) + value;
    }
}
