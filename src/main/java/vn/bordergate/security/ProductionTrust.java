package vn.bordergate.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Outside dev mode and the tests the service trusts only what is configured: the identity provider's
 * public key, issuer and audience, and a QR secret of at least 32 bytes; with officers' sign-in on, the provider's
 * address and the console client's secret. Missing any of them, or given the published demo key or secrets by
 * mistake, it refuses to start and says what is wrong.
 */
@ApplicationScoped
class ProductionTrust {

    /** SHA-256 of the demo public key's base64 body (src/local/resources/demo-keys/public-key.pem). */
    static final String DEMO_PUBLIC_KEY_SHA256 = "9fd68a244eef9ae76ff7c035567a15467fc32ace71929439a5858534d894e1c5";
    static final String DEMO_QR_SECRET = "demo-only-qr-secret-change-me-in-production";
    static final int MIN_QR_SECRET_BYTES = 32;
    /** The console client's secret in the demo realm (deploy/keycloak/bordergate-realm.json). */
    static final String DEMO_CONSOLE_SECRET = "demo-console-secret";

    void check(@Observes @Priority(1) StartupEvent start) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in profile " + profiles + ": " + String.join("; ", problems)
                    + " (see README, Production configuration)");
        }
    }

    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> keyLocation = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        if (keyLocation.isEmpty() && key.isEmpty()) {
            problems.add("no identity provider key (BORDERGATE_JWT_PUBLIC_KEY_LOCATION)");
        } else if (isDemoKey(key.orElseGet(() -> read(keyLocation.get())))) {
            problems.add("the configured public key is the published demo key");
        }
        if (config.getOptionalValue("mp.jwt.verify.issuer", String.class).isEmpty()) {
            problems.add("no token issuer (BORDERGATE_JWT_ISSUER)");
        }
        if (config.getOptionalValue("mp.jwt.verify.audiences", String.class).isEmpty()) {
            problems.add("no token audience (BORDERGATE_JWT_AUDIENCE): tokens issued for other applications "
                    + "would be accepted");
        }
        problems.addAll(consoleSignInProblems(config));
        String qrSecret = config.getOptionalValue("bordergate.yard.qr-secret", String.class).orElse("");
        if (DEMO_QR_SECRET.equals(qrSecret)) {
            problems.add("the QR secret is the published demo secret");
        } else if (qrSecret.getBytes(StandardCharsets.UTF_8).length < MIN_QR_SECRET_BYTES) {
            problems.add("the QR secret (BORDERGATE_YARD_QR_SECRET) must be at least " + MIN_QR_SECRET_BYTES + " bytes");
        }
        return problems;
    }

    /**
     * Officers' sign-in at the identity provider, when it is on: the provider's address and the console client's
     * own secret (which also keys the session cookie's encryption), never the demo realm's.
     */
    static List<String> consoleSignInProblems(Config config) {
        if (!config.getOptionalValue("quarkus.oidc.console.tenant-enabled", Boolean.class).orElse(false)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (config.getOptionalValue("bordergate.identity-provider.url", String.class).isEmpty()) {
            problems.add("console sign-in is on but no identity provider is named (BORDERGATE_OIDC_URL)");
        }
        String secret = config.getOptionalValue("quarkus.oidc.console.credentials.secret", String.class).orElse("");
        if (DEMO_CONSOLE_SECRET.equals(secret)) {
            problems.add("the console client's secret is the published demo secret");
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_QR_SECRET_BYTES) {
            problems.add("the console client's secret (BORDERGATE_OIDC_CONSOLE_SECRET) must be at least "
                    + MIN_QR_SECRET_BYTES + " bytes: it also encrypts the session cookie");
        }
        return problems;
    }

    static boolean isDemoKey(String pem) {
        if (pem == null) {
            return false;
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII)));
            return DEMO_PUBLIC_KEY_SHA256.equals(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key text at a file path or class-path location; null for a URL (a JWKS endpoint is never the demo key). */
    private static String read(String location) {
        try {
            String path = location.startsWith("file:") ? location.substring(5) : location;
            if (Files.isRegularFile(Path.of(path))) {
                return Files.readString(Path.of(path));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(path.startsWith("classpath:") ? path.substring(10) : path)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
