package vn.bordergate.http;

/**
 * Text that PostgreSQL, Redis and the caches all keep exactly as sent. PostgreSQL cannot hold U+0000, and
 * half of a UTF-16 surrogate pair has no UTF-8 form: PostgreSQL would store {@code ?} while a cache keeps
 * the original, and the two would disagree.
 */
final class StorableText {

    private StorableText() {
    }

    /** Why {@code text} cannot be stored as sent, or null when it can. */
    static String fault(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must be Unicode text: U+%04X is half of a surrogate pair without its other half", (int) c);
            }
        }
        return null;
    }
}
