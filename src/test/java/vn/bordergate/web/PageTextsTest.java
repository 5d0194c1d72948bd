package vn.bordergate.web;

import org.junit.jupiter.api.Test;
import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.payment.PaymentStatus;
import vn.bordergate.gate.Direction;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages' words live in one bundle (src/main/resources/texts), which the API speaks from too: both
 * languages have every text, every key a page asks for is there, every text is asked for, and no script,
 * page template or Java class keeps a copy of one. Reads the sources; starts nothing.
 */
class PageTextsTest {

    static final Path TEMPLATES = Path.of("src/main/resources/web-pages");
    static final Path SCRIPTS = Path.of("src/main/resources/META-INF/resources/web");
    static final Path JAVA = Path.of("src/main/java");
    static final Path BUNDLE = Path.of("src/main/resources/texts");
    /** Each page and the files it is made of (common.js, charts.js and signin.js serve more than one). */
    static final Map<String, List<String>> PAGES = Map.of(
            "console", List.of("console.html", "common.js", "signin.js", "charts.js", "console.js"),
            "driver", List.of("driver.html", "common.js", "signin.js", "driver.js"),
            "display", List.of("display.html", "common.js", "display.js"));
    /** Keys a page builds at run time rather than writes out: the stream states and the console's decisions. */
    static final Map<String, List<String>> BUILT_KEYS = Map.of(
            "console", List.of("live", "reconnecting", "offline", "CLEARED", "HOLD", "REJECTED"),
            "driver", List.of("live", "reconnecting", "offline"),
            "display", List.of("live", "reconnecting", "offline"));

    static final Pattern DATA_T = Pattern.compile("data-t(?:-label|-placeholder)?=\"([^\"]+)\"");
    static final Pattern ASKED = Pattern.compile("\\b(?:t|both)\\('([^']+)'\\s*[,)]");
    static final Pattern ASKED_EITHER = Pattern.compile("\\bt\\([^()?]*\\?\\s*'([^']+)'\\s*:\\s*'([^']+)'");
    static final Pattern FILLED_SLOT = Pattern.compile("data-t=\"[^\"]+\"[^>]*>([^<]+)<");
    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?<=^|\\s)//[^\\n]*", Pattern.DOTALL);
    static final Pattern JS_LITERAL = Pattern.compile("'((?:[^'\\\\\\n]|\\\\.)*)'|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|`([^`]*)`");
    static final Pattern JAVA_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    static final Pattern HTML_WORDS = Pattern.compile(">([^<]+)<|\\s[a-z-]+=\"([^\"]*)\"");

    @Test
    void bothLanguagesHaveEveryText() {
        Map<String, String> vietnamese = Texts.pageTexts(Language.VI);
        Map<String, String> english = Texts.pageTexts(Language.EN);
        assertEquals(vietnamese.keySet(), english.keySet(), "the same keys in texts_vi and texts_en");
        for (Language language : Language.values()) {
            Texts.pageTexts(language).forEach((key, text) -> assertTrue(!text.isBlank(), key + " is blank in " + language));
            for (DeclarationStatus status : DeclarationStatus.values()) {
                assertTrue(Texts.pageTexts(language).containsKey("status." + status.name()), status + " in " + language);
            }
            for (Direction direction : Direction.values()) {
                assertTrue(Texts.pageTexts(language).containsKey("direction." + direction.name()), direction + " in " + language);
            }
            for (PaymentStatus status : PaymentStatus.values()) {
                assertTrue(Texts.pageTexts(language).containsKey("payment." + status.name()), status + " in " + language);
            }
        }
    }

    @Test
    void everyKeyAPageAsksForIsInTheBundle() {
        List<String> missing = new ArrayList<>();
        PAGES.forEach((page, files) -> {
            Set<String> keys = new TreeSet<>(BUILT_KEYS.get(page));
            for (String file : files) {
                String source = read(file);
                keys.addAll(all(DATA_T, source, 1));
                keys.addAll(all(ASKED, source, 1));
                keys.addAll(all(ASKED_EITHER, source, 1));
                keys.addAll(all(ASKED_EITHER, source, 2));
            }
            for (String key : keys) {
                for (Language language : Language.values()) {
                    if (WebPages.text(page, key, language) == null) {
                        missing.add(page + ": " + key + " (" + language + ")");
                    }
                }
            }
        });
        assertEquals(List.of(), missing, "keys the pages ask for that texts_vi/texts_en lack");
    }

    @Test
    void everyTextInTheBundleIsShownSomewhere() {
        List<String> unused = new ArrayList<>();
        for (String key : Texts.pageTexts(Language.VI).keySet()) {
            String section = key.substring(0, key.indexOf('.'));
            String name = key.substring(key.indexOf('.') + 1);
            if (section.equals("status") || section.equals("direction") || section.equals("payment")) {
                continue; // held against the enums above
            }
            List<String> files = PAGES.getOrDefault(section, PAGES.values().stream().flatMap(List::stream).distinct().toList());
            boolean asked = BUILT_KEYS.getOrDefault(section, List.of()).contains(name)
                    || (section.equals("common") && BUILT_KEYS.get("console").contains(name))
                    || files.stream().map(PageTextsTest::read)
                    .anyMatch(source -> source.contains("'" + name + "'") || source.contains("\"" + name + "\""));
            if (!asked) {
                unused.add(key);
            }
        }
        assertEquals(List.of(), unused, "texts no page shows");
    }

    /** The claim of one source: were a text copied back into a script, a page or a Java class, this fails. */
    @Test
    void noScriptPageOrClassKeepsACopyOfAText() {
        Set<String> texts = bundle();
        Set<String> keys = new TreeSet<>();
        Texts.pageTexts(Language.VI).keySet().forEach(key -> keys.add(key.substring(key.indexOf('.') + 1)));
        List<String> copies = new ArrayList<>();
        for (String script : files(SCRIPTS, ".js")) {
            String code = COMMENT.matcher(read(script)).replaceAll("");
            for (String literal : all(JS_LITERAL, code, 1, 2, 3)) {
                if (!keys.contains(literal) && copies(literal, texts) || hasVietnameseLetter(literal)) {
                    copies.add(script + ": '" + literal + "'");
                }
            }
        }
        for (String template : files(TEMPLATES, ".html")) {
            String html = read(template);
            for (String words : all(HTML_WORDS, html, 1, 2)) {
                if (!keys.contains(words) && copies(words.strip(), texts)) {
                    copies.add(template + ": " + words.strip());
                }
            }
            for (String filled : all(FILLED_SLOT, html, 1)) {
                copies.add(template + ": a data-t element with words of its own: " + filled.strip());
            }
        }
        // Java may name things in English (OpenAPI tags, problem details); a Vietnamese text in it is a copy.
        try (Stream<Path> sources = Files.walk(JAVA)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String literal : all(JAVA_LITERAL, COMMENT.matcher(Files.readString(source)).replaceAll(""), 1)) {
                    if (hasVietnameseLetter(literal) && texts.contains(literal)) {
                        copies.add(source + ": \"" + literal + "\"");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), copies, "texts kept outside src/main/resources/texts");
    }

    @Test
    void theServerWritesEachPagesWordsBeforeItsScriptsRun() {
        String console = WebPages.fill("console", "<title data-t=\"title\"></title><button class=\"x\" data-t=\"signOut\"></button>"
                + "<option value=\"IMPORT\" data-t=\"direction.IMPORT\"></option>");
        assertEquals("<title data-t=\"title\">" + text("console.title", Language.VI) + "</title>"
                + "<button class=\"x\" data-t=\"signOut\">" + text("common.signOut", Language.VI) + "</button>"
                + "<option value=\"IMPORT\" data-t=\"direction.IMPORT\">" + text("direction.IMPORT", Language.VI) + "</option>", console);
        assertEquals("<span lang=\"en\" data-t=\"title\">" + text("display.title", Language.EN) + "</span>",
                WebPages.fill("display", "<span lang=\"en\" data-t=\"title\"></span>"), "an element with a lang of its own");
        for (String page : PAGES.keySet()) {
            String filled = WebPages.fill(page, read(page + ".html"));
            assertTrue(!Pattern.compile("data-t=\"[^\"]+\"[^>]*></").matcher(filled).find(), page + " has an empty data-t element");
        }
    }

    /** A literal that is one of the texts, or holds one of more than a word or in Vietnamese letters. */
    static boolean copies(String literal, Set<String> texts) {
        for (String text : texts) {
            if (literal.equals(text) || ((text.contains(" ") || hasVietnameseLetter(text)) && literal.contains(text))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasVietnameseLetter(String text) {
        return text.codePoints().anyMatch(c -> c > 127 && Character.isLetter(c));
    }

    /** Every text of the bundle's files, problem titles included. */
    static Set<String> bundle() {
        Set<String> texts = new TreeSet<>();
        for (Language language : Language.values()) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(BUNDLE.resolve("texts_" + language.name().toLowerCase() + ".properties"))) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file.values().forEach(text -> texts.add((String) text));
        }
        return texts;
    }

    static String text(String key, Language language) {
        return Texts.pageTexts(language).get(key);
    }

    static List<String> all(Pattern pattern, String source, int... groups) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            for (int group : groups) {
                if (matcher.group(group) != null) {
                    found.add(matcher.group(group));
                }
            }
        }
        return found;
    }

    static List<String> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String file) {
        try {
            return Files.readString((file.endsWith(".html") ? TEMPLATES : SCRIPTS).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
