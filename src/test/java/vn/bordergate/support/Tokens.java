package vn.bordergate.support;

import io.smallrye.jwt.build.Jwt;

import java.util.List;
import java.util.Set;

/** Bearer tokens for each role, signed with the demo key the test build verifies. */
public final class Tokens {

    public static final String ISSUER = "https://bordergate.local/demo";
    public static final String FIRM_A = "0100109106";
    public static final String FIRM_B = "0300588569";

    private Tokens() {
    }

    public static String enterprise(String taxCode) {
        return Jwt.issuer(ISSUER).subject("firm-" + taxCode).groups(Set.of("enterprise"))
                .claim("tax_code", taxCode).sign();
    }

    public static String driver(String phone) {
        return Jwt.issuer(ISSUER).subject("driver-" + phone).groups(Set.of("driver")).claim("phone", phone).sign();
    }

    public static String officer(String role, String... gates) {
        return Jwt.issuer(ISSUER).subject(role + "-officer").groups(Set.of(role)).claim("gates", List.of(gates)).sign();
    }

    /** A province admin of the provinces named (codes such as LAO_CAI). */
    public static String provinceAdmin(String... provinces) {
        return Jwt.issuer(ISSUER).subject("province-admin-" + String.join("-", provinces)).groups(Set.of("province-admin"))
                .claim("provinces", List.of(provinces)).sign();
    }

    /** A finance officer of the provinces named. */
    public static String financeOfficer(String... provinces) {
        return Jwt.issuer(ISSUER).subject("finance-officer-" + String.join("-", provinces)).groups(Set.of("finance-officer"))
                .claim("provinces", List.of(provinces)).sign();
    }

    public static String role(String role) {
        return Jwt.issuer(ISSUER).subject(role + "-user").groups(Set.of(role)).sign();
    }
}
