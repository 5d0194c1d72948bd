package vn.bordergate.payment;

import java.util.ArrayList;
import java.util.List;

/**
 * An amount in Vietnamese words, as a receipt writes it under the figures ("Năm triệu năm trăm nghìn đồng").
 * A group of three digits after the first is read in full ("một triệu không trăm linh năm"), the way
 * accountants write it so that no digit can be slipped in.
 */
public final class VietnameseAmount {

    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    private static final long BILLION = 1_000_000_000L;

    private VietnameseAmount() {
    }

    /** {@code vnd} in words with a capital first letter and "đồng". */
    public static String inWords(long vnd) {
        if (vnd < 0) {
            throw new IllegalArgumentException("a negative amount: " + vnd);
        }
        String words = vnd == 0 ? "không" : read(vnd, true);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " đồng";
    }

    private static String read(long n, boolean leading) {
        if (n >= BILLION) {
            long rest = n % BILLION;
            return read(n / BILLION, leading) + " tỷ" + (rest == 0 ? "" : " " + read(rest, false));
        }
        List<String> parts = new ArrayList<>();
        boolean first = leading;
        int millions = (int) (n / 1_000_000);
        int thousands = (int) (n / 1000 % 1000);
        int units = (int) (n % 1000);
        if (millions > 0) {
            parts.add(group(millions, first) + " triệu");
            first = false;
        }
        if (thousands > 0) {
            parts.add(group(thousands, first) + " nghìn");
            first = false;
        }
        if (units > 0) {
            parts.add(group(units, first));
        }
        return String.join(" ", parts);
    }

    /** Three digits; a leading group drops its empty hundreds and the "linh" that would follow them. */
    private static String group(int g, boolean leading) {
        int hundreds = g / 100;
        int tens = g / 10 % 10;
        int units = g % 10;
        List<String> words = new ArrayList<>();
        boolean full = !leading || hundreds > 0;
        if (full) {
            words.add(DIGITS[hundreds] + " trăm");
        }
        if (tens == 0) {
            if (units != 0) {
                if (full) {
                    words.add("linh");
                }
                words.add(DIGITS[units]);
            }
        } else if (tens == 1) {
            words.add("mười");
            if (units == 5) {
                words.add("lăm");
            } else if (units != 0) {
                words.add(DIGITS[units]);
            }
        } else {
            words.add(DIGITS[tens] + " mươi");
            switch (units) {
                case 0 -> { }
                case 1 -> words.add("mốt");
                case 4 -> words.add("tư");
                case 5 -> words.add("lăm");
                default -> words.add(DIGITS[units]);
            }
        }
        return String.join(" ", words);
    }
}
