package vn.bordergate.support;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid declaration bodies with a fresh truck each time, and slot times in the gates' zone. */
public final class Fixtures {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final AtomicInteger TRUCKS = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000, 50_000));

    private Fixtures() {
    }

    public static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    /** A slot start {@code daysAhead} days from today at {@code hour}:00, in Vietnam time. */
    public static OffsetDateTime slot(int daysAhead, int hour) {
        return today().plusDays(daysAhead).atTime(LocalTime.of(hour, 0)).atZone(VIETNAM).toOffsetDateTime();
    }

    /**
     * A slot three days ahead at {@code hour}:00 (use 14 to 16, when every gate is open). BookingFlowTest books
     * days 1 and 2; the validation and security tests book here, so no test eats another's capacity.
     */
    public static OffsetDateTime spareSlot(int hour) {
        return slot(3, hour);
    }

    /** As the API writes times: {@code 2026-11-29T08:00:00+07:00}. */
    public static String iso(OffsetDateTime time) {
        return time.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
    }

    /** A new, never-used Vietnamese truck plate such as {@code 29C-123.45}. */
    public static String newPlate() {
        int n = TRUCKS.incrementAndGet();
        int province = 11 + (n / 100_000) % 89;
        int digits = n % 100_000;
        return String.format("%02dC-%03d.%02d", province, digits / 100, digits % 100);
    }

    /** A new, never-used Chinese truck plate of Guangxi, such as {@code 桂A12345}. */
    public static String newChinesePlate() {
        return String.format("桂A%05d", TRUCKS.incrementAndGet() % 100_000);
    }

    /** The key under which the API stores a Vietnamese plate: {@code 29C-123.45} becomes {@code 29C12345}. */
    public static String plateKey(String plate) {
        return plate.replaceAll("[-.\\s]", "").toUpperCase(java.util.Locale.ROOT);
    }

    public static Map<String, Object> declaration(String gate, String direction, OffsetDateTime slotStart) {
        return declaration(gate, direction, slotStart, newPlate());
    }

    public static Map<String, Object> declaration(String gate, String direction, OffsetDateTime slotStart, String plate) {
        Map<String, Object> body = new HashMap<>();
        body.put("gateCode", gate);
        body.put("direction", direction);
        if (slotStart != null) {
            body.put("slotStart", iso(slotStart));
        }
        body.put("vehicle", new HashMap<>(Map.of("plate", plate, "trailerPlate", "12R-012.34", "country", "VN")));
        body.put("driver", new HashMap<>(Map.of("fullName", "Nguyễn Văn Ánh", "idNumber", "001099012345",
                "phone", "0912345678")));
        body.put("cargo", new HashMap<>(Map.of("category", "FRESH_FRUIT", "description", "Thanh long ruột đỏ",
                "hsCode", "081090", "grossWeightKg", 18500, "containerNumbers", List.of("MSKU9070323"),
                "customsDeclarationNumbers", List.of("305123456789"))));
        return body;
    }
}
