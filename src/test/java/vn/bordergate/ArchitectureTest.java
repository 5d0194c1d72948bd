package vn.bordergate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package map of docs/ARCHITECTURE.md, enforced: features depend on the infrastructure packages
 * ({@code common}, {@code http}, {@code persistence}, {@code contract}) and on features below them, never back up. A new import that points up the stack fails here with the offending class.
 */
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The local run's embedded servers are a development harness, not part of the service.
                .withImportOption(location -> !location.contains("/vn/bordergate/local/"))
                .importPackages("vn.bordergate");
    }

    @Test
    void noPackageCycles() {
        slices().matching("vn.bordergate.(*)..").should().beFreeOfCycles().check(service);
    }

    /** The packages every feature may use, which use no feature: the HTTP edge, persistence, the API contract. */
    static final String[] INFRASTRUCTURE = {"vn.bordergate.common..", "vn.bordergate.http..",
            "vn.bordergate.persistence..", "vn.bordergate.contract.."};

    @Test
    void infrastructureDependsOnNoFeature() {
        ArchRule rule = noClasses().that().resideInAnyPackage(INFRASTRUCTURE)
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to a feature", c -> c.getPackageName().startsWith("vn.bordergate")
                                && java.util.Arrays.stream(INFRASTRUCTURE)
                                .noneMatch(infra -> c.getPackageName().startsWith(infra.substring(0, infra.length() - 2)))));
        rule.check(service);
    }

    @Test
    void infrastructureOnlyDependsDownItsOwnStack() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("contract").definedBy("vn.bordergate.contract..")
                .layer("http").definedBy("vn.bordergate.http..")
                .layer("persistence").definedBy("vn.bordergate.persistence..")
                .layer("common").definedBy("vn.bordergate.common..")
                .whereLayer("contract").mayNotBeAccessedByAnyLayer()
                .whereLayer("http").mayOnlyBeAccessedByLayers("contract")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("http", "contract")
                .check(service);
    }

    @Test
    void featuresOnlyDependDownTheStack() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("application").definedBy("vn.bordergate")
                .layer("web").definedBy("vn.bordergate.web..")
                .layer("board").definedBy("vn.bordergate.board..")
                .layer("operations").definedBy("vn.bordergate.yard..", "vn.bordergate.inspection..",
                        "vn.bordergate.capacitychange..", "vn.bordergate.onboarding..", "vn.bordergate.notify..", "vn.bordergate.stream..",
                        "vn.bordergate.stats..", "vn.bordergate.metrics..", "vn.bordergate.driversignin..")
                .layer("declaration").definedBy("vn.bordergate.declaration..")
                .layer("slot").definedBy("vn.bordergate.slot..")
                .layer("live").definedBy("vn.bordergate.live..")
                .layer("audit").definedBy("vn.bordergate.audit..")
                .layer("gate").definedBy("vn.bordergate.gate..")
                .layer("security").definedBy("vn.bordergate.security..")
                .layer("common").definedBy("vn.bordergate.common..")
                .whereLayer("application").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("board").mayOnlyBeAccessedByLayers("application")
                .whereLayer("operations").mayOnlyBeAccessedByLayers("application", "board")
                .whereLayer("declaration").mayOnlyBeAccessedByLayers("application", "board", "operations")
                .whereLayer("slot").mayOnlyBeAccessedByLayers("application", "board", "operations", "declaration")
                .whereLayer("live").mayOnlyBeAccessedByLayers("application", "board", "operations", "declaration", "slot")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("application", "board", "operations", "declaration",
                        "slot", "live")
                .whereLayer("gate").mayOnlyBeAccessedByLayers("application", "board", "operations", "declaration",
                        "slot", "live", "audit")
                .whereLayer("security").mayOnlyBeAccessedByLayers("application", "board", "operations", "declaration",
                        "slot", "live", "audit", "gate")
                .check(service);
    }

    /**
     * Inside declaration, read from the top: the HTTP resource and service, then changes to a booking,
     * admission, the lifecycle, idempotency, the declaration itself, and the value rules under it.
     */
    @Test
    void declarationsRoomsOnlyDependDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("vn.bordergate.declaration.api..")
                .layer("change").definedBy("vn.bordergate.declaration.change..")
                .layer("admission").definedBy("vn.bordergate.declaration.admission..")
                .layer("lifecycle").definedBy("vn.bordergate.declaration.lifecycle..")
                .layer("model").definedBy("vn.bordergate.declaration")
                .layer("idempotency").definedBy("vn.bordergate.declaration.idempotency..")
                .layer("validation").definedBy("vn.bordergate.declaration.validation..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("change").mayOnlyBeAccessedByLayers("api")
                .whereLayer("admission").mayOnlyBeAccessedByLayers("api", "change")
                .whereLayer("lifecycle").mayOnlyBeAccessedByLayers("api", "change", "admission")
                .whereLayer("model").mayOnlyBeAccessedByLayers("api", "change", "admission", "lifecycle")
                .whereLayer("idempotency").mayOnlyBeAccessedByLayers("api", "change", "admission", "lifecycle", "model")
                .whereLayer("validation").mayOnlyBeAccessedByLayers("api", "change", "admission", "lifecycle", "model",
                        "idempotency")
                .check(service);
    }

    /** No source file over 300 lines and no package over 12 % of the service's lines: rooms a reader can take in. */
    @Test
    void noRoomTooBigToTakeIn() throws java.io.IOException {
        java.util.Map<String, Long> perPackage = new java.util.TreeMap<>();
        long total = 0;
        java.util.List<String> tooLong = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines = java.nio.file.Files.readAllLines(file).size();
                total += lines;
                perPackage.merge(file.getParent().toString(), lines, Long::sum);
                if (lines > 300) {
                    tooLong.add(file + " (" + lines + " lines)");
                }
            }
        }
        long all = total;
        long limit = all * 12 / 100;
        java.util.List<String> tooBig = perPackage.entrySet().stream().filter(e -> e.getValue() > limit)
                .map(e -> e.getKey() + " (" + e.getValue() + " of " + all + " lines)").toList();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), tooLong, "files over 300 lines");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), tooBig, "packages over 12 % of the service");
    }
}
