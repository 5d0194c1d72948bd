package vn.bordergate.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Human texts in Vietnamese and English, read from the one bundle ({@code texts/texts_vi.properties} and
 * {@code texts_en.properties}) that the API speaks from and the pages are served (GET /web/texts.json).
 */
public final class Texts {

    private static final String PROBLEM = "problem.";
    private static final Map<Language, SortedMap<String, String>> BUNDLE = load();

    private Texts() {
    }

    public static String status(String status, Language language) {
        return BUNDLE.get(language).getOrDefault("status." + status, status);
    }

    /** A direction ({@code EXPORT}, {@code IMPORT}) in words. */
    public static String direction(String direction, Language language) {
        return BUNDLE.get(language).getOrDefault("direction." + direction, direction);
    }

    /** The title of a problem type in the language; the English title is the one the problem was built with. */
    public static String title(String type, String englishTitle, Language language) {
        return language == Language.VI ? BUNDLE.get(Language.VI).getOrDefault(PROBLEM + type, englishTitle) : englishTitle;
    }

    /**
     * Every text the pages show, by key, in the language: the whole bundle but problem titles, which reach
     * the pages already in the caller's language with each refusal.
     */
    public static SortedMap<String, String> pageTexts(Language language) {
        SortedMap<String, String> texts = new TreeMap<>(BUNDLE.get(language));
        texts.keySet().removeIf(key -> key.startsWith(PROBLEM));
        return Collections.unmodifiableSortedMap(texts);
    }

    private static Map<Language, SortedMap<String, String>> load() {
        Map<Language, SortedMap<String, String>> bundle = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String name = "/texts/texts_" + language.name().toLowerCase() + ".properties";
            try (InputStream in = Texts.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("texts missing from the build: " + name);
                }
                Properties properties = new Properties();
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                SortedMap<String, String> texts = new TreeMap<>();
                properties.forEach((key, value) -> texts.put((String) key, (String) value));
                bundle.put(language, Collections.unmodifiableSortedMap(texts));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }
}
