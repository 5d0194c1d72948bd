package vn.bordergate.load;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid declaration bodies, each with a truck plate never used before in this run, so the one-booking-per-truck
 * rule only refuses what a scenario means it to.
 *
 * <p>Plates are {@code PP}{@code S1S2}{@code -ddd.dd}: the two series letters come from {@code -Dseries} (the
 * bench gives each simulation its own), the province and digits from a counter with a random start, so runs
 * against a database that already holds bookings rarely collide.
 */
public final class Trucks {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String[] CARGO = {
            "\"category\":\"FRESH_FRUIT\",\"description\":\"Thanh long ruột đỏ\",\"hsCode\":\"081090\",\"grossWeightKg\":18500",
            "\"category\":\"FRESH_FRUIT\",\"description\":\"Sầu riêng Ri6\",\"hsCode\":\"081060\",\"grossWeightKg\":21000",
            "\"category\":\"AGRICULTURAL\",\"description\":\"Sắn lát khô\",\"hsCode\":\"071410\",\"grossWeightKg\":24000",
            "\"category\":\"GENERAL\",\"description\":\"Linh kiện điện tử\",\"hsCode\":\"854239\",\"grossWeightKg\":9000",
    };
    private static final String[] DRIVERS = {"Nguyễn Văn Ánh", "Trần Thị Bích Ngọc", "Lê Quang Đức", "Phạm Thị Hương",
            "Hoàng Văn Thắng", "Vũ Đình Khải", "Đặng Thu Trang", "Bùi Xuân Phúc"};

    private final String series;
    private final AtomicLong counter;

    public Trucks(String defaultSeries) {
        String s = LoadConfig.string("series", defaultSeries).toUpperCase();
        if (!s.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("-Dseries must be two letters, got " + s);
        }
        this.series = s;
        this.counter = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 8) * 1_000_000L);
    }

    /** A new Vietnamese plate such as {@code 29BS-123.45}. */
    public String newPlate() {
        long n = counter.getAndIncrement();
        long province = 11 + (n / 100_000) % 89;
        long digits = n % 100_000;
        return String.format("%02d%s-%03d.%02d", province, series, digits / 100, digits % 100);
    }

    public static String slotStart(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).atZone(LoadConfig.VIETNAM).toOffsetDateTime().format(ISO);
    }

    public static String iso(OffsetDateTime time) {
        return time.format(ISO);
    }

    /** The JSON body of POST /api/v1/declarations. */
    public static String declaration(String gate, String direction, String slotStart, String plate) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "{\"gateCode\":\"" + gate + "\",\"direction\":\"" + direction + "\",\"slotStart\":\"" + slotStart + "\","
                + "\"vehicle\":{\"plate\":\"" + plate + "\",\"trailerPlate\":\"12R-012.34\",\"country\":\"VN\"},"
                + "\"driver\":" + driver(random) + ","
                + "\"cargo\":{" + CARGO[random.nextInt(CARGO.length)]
                + ",\"containerNumbers\":[\"MSKU9070323\"],\"customsDeclarationNumbers\":[\"305123456789\"]}}";
    }

    /** The JSON body of an amendment that replaces the driver, and moves the slot when {@code newSlotStart} is set. */
    public static String amendment(String newSlotStart) {
        return "{" + (newSlotStart == null ? "" : "\"slotStart\":\"" + newSlotStart + "\",")
                + "\"driver\":" + driver(ThreadLocalRandom.current()) + "}";
    }

    private static String driver(ThreadLocalRandom random) {
        return "{\"fullName\":\"" + DRIVERS[random.nextInt(DRIVERS.length)] + "\",\"idNumber\":\"0010990"
                + String.format("%05d", random.nextInt(100_000)) + "\",\"phone\":\"09"
                + String.format("%08d", random.nextInt(100_000_000)) + "\"}";
    }
}
