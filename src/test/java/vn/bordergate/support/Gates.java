package vn.bordergate.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** A gate of its own for a test (tests share one database): onboarded through the API, open every day. */
public final class Gates {

    private Gates() {
    }

    /** Onboards a Lạng Sơn gate open 07:00–19:00 all week, with hourly slots; answers its code. */
    public static String onboard(String name, int capacityPerSlot) {
        return onboard(name, capacityPerSlot, "LANG_SON");
    }

    /** The same, in {@code province}. */
    public static String onboard(String name, int capacityPerSlot, String province) {
        String code = "T_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            prefix.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        Map<String, Object> gate = new HashMap<>();
        gate.put("code", code);
        gate.put("name", name);
        gate.put("provinceCode", province);
        gate.put("referencePrefix", prefix.toString());
        gate.put("international", true);
        gate.put("timeZone", "Asia/Ho_Chi_Minh");
        gate.put("slotMinutes", 60);
        gate.put("bookingHorizonDays", 7);
        gate.put("exportCapacity", capacityPerSlot);
        gate.put("importCapacity", capacityPerSlot);
        gate.put("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY", "SUNDAY"), "opensAt", "07:00", "closesAt", "19:00")));
        given().auth().oauth2(Tokens.role("admin")).contentType(ContentType.JSON).body(gate)
                .when().post("/api/v1/gates").then().statusCode(201);
        return code;
    }
}
