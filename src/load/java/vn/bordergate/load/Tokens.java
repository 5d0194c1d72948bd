package vn.bordergate.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bearer tokens for the load: either signed here (RS256, plain java.security) with the private key of the
 * issuer the service trusts, or read from a file of tokens made elsewhere ({@code -Dtokens=path}).
 *
 * <p>Signing: {@code -DprivateKey} (PKCS#8 PEM, default the demo key), {@code -Dissuer} and {@code -Daudience}. The service in
 * prod mode must verify with the matching public key ({@code BORDERGATE_JWT_PUBLIC_KEY_LOCATION}) and issuer
 * ({@code BORDERGATE_JWT_ISSUER}).
 *
 * <p>Token file: one token per line as {@code <role> <jwt>}; {@code #} starts a comment. Each
 * {@code enterprise} line is one firm; {@code yard-officer} and {@code gate-supervisor} tokens must name in
 * their {@code gates} claim every gate the scenario uses.
 */
public final class Tokens {

    /** Branches of one firm, {@code 0100109106-001} to {@code -N}: each has its own daily quota per gate. */
    public static final String FIRM_PARENT = "0100109106";

    private final List<String> firms;
    private final List<String> yardOfficers;
    private final List<String> supervisors;

    private Tokens(List<String> firms, List<String> yardOfficers, List<String> supervisors) {
        if (firms.isEmpty()) {
            throw new IllegalArgumentException("no enterprise token: give -Dfirms > 0 or enterprise lines in -Dtokens");
        }
        this.firms = firms;
        this.yardOfficers = yardOfficers;
        this.supervisors = supervisors;
    }

    /** Tokens for {@code firmCount} firms (when signing here) plus a yard officer and a gate supervisor. */
    public static Tokens load(int firmCount, List<String> gates) {
        String file = LoadConfig.string("tokens", null);
        return file != null ? fromFile(Path.of(file)) : signed(firmCount, gates);
    }

    public int firmCount() {
        return firms.size();
    }

    public String firm(int index) {
        return "Bearer " + firms.get(Math.floorMod(index, firms.size()));
    }

    public String yardOfficer() {
        return "Bearer " + pick(yardOfficers, "yard-officer");
    }

    public String supervisor() {
        return "Bearer " + pick(supervisors, "gate-supervisor");
    }

    private static String pick(List<String> tokens, String role) {
        if (tokens.isEmpty()) {
            throw new IllegalStateException("no " + role + " token in -Dtokens");
        }
        return tokens.get(0);
    }

    private static Tokens signed(int firmCount, List<String> gates) {
        PrivateKey key = privateKey(Path.of(LoadConfig.string("privateKey", "src/local/resources/demo-keys/private-key.pem")));
        String issuer = LoadConfig.string("issuer", "https://bordergate.local/demo");
        String audience = LoadConfig.string("audience", "border-gate-api");
        long exp = Instant.now().plusSeconds(LoadConfig.integer("tokenTtlSeconds", 8 * 3600)).getEpochSecond();
        String gateList = gates.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","));
        List<String> firms = IntStream.rangeClosed(1, firmCount).mapToObj(i -> {
            String taxCode = String.format("%s-%03d", FIRM_PARENT, i);
            return sign(key, issuer, audience, "load-firm-" + taxCode, "enterprise", exp, "\"tax_code\":\"" + taxCode + "\"");
        }).toList();
        String yard = sign(key, issuer, audience, "load-yard-officer", "yard-officer", exp, "\"gates\":[" + gateList + "]");
        String supervisor = sign(key, issuer, audience, "load-gate-supervisor", "gate-supervisor", exp, "\"gates\":[" + gateList + "]");
        return new Tokens(firms, List.of(yard), List.of(supervisor));
    }

    /** A compact RS256 JWT: header {"alg":"RS256","typ":"JWT"}, claims iss, aud, sub, groups, iat, exp and extra. */
    static String sign(PrivateKey key, String issuer, String audience, String subject, String role, long exp,
                       String extraClaims) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"groups\":[\"" + role + "\"],"
                + "\"iat\":" + now + ",\"exp\":" + exp + (extraClaims.isEmpty() ? "" : "," + extraClaims) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    static PrivateKey privateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the private key " + pem.toAbsolutePath()
                    + " (set -DprivateKey=... or -Dtokens=...)", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pem + " is not an unencrypted PKCS#8 RSA key (BEGIN PRIVATE KEY)", e);
        }
    }

    private static Tokens fromFile(Path file) {
        List<String> firms = new ArrayList<>();
        List<String> yard = new ArrayList<>();
        List<String> supervisors = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(file + ": expected '<role> <token>', got: " + trimmed);
                }
                switch (parts[0]) {
                    case "enterprise" -> firms.add(parts[1]);
                    case "yard-officer" -> yard.add(parts[1]);
                    case "gate-supervisor" -> supervisors.add(parts[1]);
                    default -> throw new IllegalArgumentException(file + ": unknown role " + parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tokens(firms, yard, supervisors);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
