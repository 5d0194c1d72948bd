package vn.bordergate;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package map drawn in docs/ARCHITECTURE.md is the map of the code: every arrow drawn is an import
 * somewhere, and every import between packages is drawn. Arrows into the infrastructure packages are
 * not drawn for features (every feature may use them); among the infrastructure packages they are.
 */
class ArchitectureMapTest {

    static final Set<String> INFRASTRUCTURE = Set.of("common", "http", "persistence", "contract");
    // "name ───► a, b (why)": the package on the left imports each package on the right.
    private static final Pattern ARROW = Pattern.compile("([a-z]+) ─+► ([a-z, ]+)");

    @Test
    void theDrawnMapIsTheMapOfTheImports() throws IOException {
        assertEquals(String.join("\n", drawn()), String.join("\n", imported()),
                "docs/ARCHITECTURE.md's package map differs from the code's imports (expected: drawn; actual: imported)");
    }

    /** The arrows of the code blocks under "## Package map", as "from -> to" lines. */
    static List<String> drawn() throws IOException {
        String doc = Files.readString(Path.of("docs/ARCHITECTURE.md"));
        String section = doc.substring(doc.indexOf("## Package map"), doc.indexOf("\n## ", doc.indexOf("## Package map") + 1));
        Set<String> arrows = new TreeSet<>();
        boolean inBlock = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            Matcher arrow = ARROW.matcher(line);
            while (inBlock && arrow.find()) {
                for (String to : arrow.group(2).split(",")) {
                    if (!to.isBlank()) {
                        arrows.add(arrow.group(1) + " -> " + to.trim());
                    }
                }
            }
        }
        return new ArrayList<>(arrows);
    }

    /** The arrows the compiled service has: one per pair of top-level packages with an import between them. */
    static List<String> imported() {
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/vn/bordergate/local/"))
                .importPackages("vn.bordergate");
        Set<String> arrows = new TreeSet<>();
        for (JavaClass origin : service) {
            String from = feature(origin);
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = feature(dependency.getTargetClass());
                if (to == null || from == null || to.equals(from)) {
                    continue;
                }
                if (!INFRASTRUCTURE.contains(to) || INFRASTRUCTURE.contains(from)) {
                    arrows.add(from + " -> " + to);
                }
            }
        }
        return new ArrayList<>(arrows);
    }

    /** The top-level package under vn.bordergate ("application" for the root), or null outside it. */
    static String feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("vn.bordergate")) {
            return null;
        }
        if (name.equals("vn.bordergate")) {
            return "application";
        }
        String rest = name.substring("vn.bordergate.".length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }
}
