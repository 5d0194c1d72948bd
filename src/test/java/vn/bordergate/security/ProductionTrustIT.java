package vn.bordergate.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production artifact trusts only what is configured: no demo key or demo endpoint inside, no start
 * without a real key, issuer, audience and QR secret, in any profile but dev and test; tokens issued for
 * another application are refused.
 */
class ProductionTrustIT {

    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(1, Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theProductionArtifactHoldsNoDemoKeyAndNoDemoEndpoint() throws Exception {
        int entries = 0;
        try (Stream<Path> jars = Files.walk(Path.of("target", "quarkus-app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (var entry : java.util.Collections.list(file.entries())) {
                        entries++;
                        assertFalse(entry.getName().contains("demo-keys/"), jar + " holds " + entry.getName());
                        assertFalse(entry.getName().contains("DemoTokenResource"), jar + " holds " + entry.getName());
                    }
                }
            }
        }
        assertTrue(entries > 1000, "the artifact was looked at (" + entries + " entries)");
        assertEquals(404, service.get(0, "/api/v1/demo/tokens?role=admin", null).statusCode());
    }

    @Test
    void aTokenIssuedForAnotherApplicationIsRefused() throws Exception {
        Map<String, Object> firm = Map.of("groups", Set.of("enterprise"), "tax_code", "0100109106");
        String ours = PackagedService.token("firm", firm);
        String theirs = PackagedService.tokenForAnotherAudience("firm", firm);
        assertEquals(200, service.get(0, "/api/v1/declarations", ours).statusCode());
        assertEquals(401, service.get(0, "/api/v1/declarations", theirs).statusCode());
        assertEquals(201, service.declare(0, ours, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(2, 16))).statusCode());
        assertEquals(401, service.declare(0, theirs, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(2, 16))).statusCode());
    }

    @Test
    void anyOtherProfileRefusesToStartWithoutRealTrust() throws Exception {
        assertRefused(Map.of("QUARKUS_PROFILE", "staging", "BORDERGATE_JWT_AUDIENCE", ""), "no token audience");
        assertRefused(Map.of("BORDERGATE_JWT_PUBLIC_KEY_LOCATION",
                new File("src/local/resources/demo-keys/public-key.pem").getAbsolutePath()), "published demo key");
        assertRefused(Map.of("BORDERGATE_YARD_QR_SECRET", "short"), "at least 32 bytes");
        assertRefused(Map.of("QUARKUS_PROFILE", "staging", "BORDERGATE_YARD_QR_SECRET",
                "demo-only-qr-secret-change-me-in-production"), "published demo secret");
    }

    private static void assertRefused(Map<String, String> misconfiguration, String reason) throws Exception {
        int instance = service.startInstance(misconfiguration);
        Process process = service.process(instance);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the instance stops by itself");
        String log = Files.readString(service.log(instance));
        assertTrue(process.exitValue() != 0, "it exits with an error");
        assertTrue(log.contains("refusing to start") && log.contains(reason),
                "it says why (" + reason + "): " + log.lines().filter(l -> l.contains("refusing")).findFirst().orElse(log));
    }
}
