package vn.bordergate.common;

import java.util.List;
import java.util.Locale;

/** The two languages of the platform, chosen per request from {@code Accept-Language}. */
public enum Language {
    VI, EN;

    /** The first of the caller's preferred languages that we speak, else {@code fallback}. */
    public static Language preferred(List<Locale> acceptable, Language fallback) {
        for (Locale locale : acceptable) {
            if ("vi".equalsIgnoreCase(locale.getLanguage())) {
                return VI;
            }
            if ("en".equalsIgnoreCase(locale.getLanguage())) {
                return EN;
            }
        }
        return fallback;
    }

    /** Reads a raw header (e.g. on an SSE connection or a Vert.x route). */
    public static Language preferred(String acceptLanguage, Language fallback) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        try {
            List<Locale> locales = Locale.LanguageRange.parse(acceptLanguage).stream()
                    .map(range -> Locale.forLanguageTag(range.getRange())).toList();
            return preferred(locales, fallback);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
