package vn.bordergate.declaration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.fee.TradeFacts;
import vn.bordergate.fee.VehicleKind;
import vn.bordergate.gate.Direction;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** What a logistics firm submits to declare one truck crossing. */
public record DeclarationRequest(
        @Schema(description = "A gate code from GET /api/v1/gates", maxLength = 32, pattern = "^[A-Z_]{2,32}$",
                examples = "HUU_NGHI", required = true)
        String gateCode,
        @Schema(required = true) Direction direction,
        @Schema(description = "Start of a bookable slot, with offset; omit to take the earliest slot with room",
                format = "date-time", examples = "2026-11-29T08:00:00+07:00")
        OffsetDateTime slotStart,
        @Schema(required = true) Vehicle vehicle,
        @Schema(required = true) Driver driver,
        @Schema(required = true) Cargo cargo,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Who pays the border-gate fee and is named on its receipt, when not the declaring firm")
        FeePayer feePayer) {

    /** A declaration of these parts with no fee payer named: the declaring firm pays. */
    public DeclarationRequest(String gateCode, Direction direction, OffsetDateTime slotStart, Vehicle vehicle,
                              Driver driver, Cargo cargo) {
        this(gateCode, direction, slotStart, vehicle, driver, cargo, null);
    }

    /** The truck; {@code country} is VN or CN. */
    public record Vehicle(
            @Schema(description = "Vietnamese (29C-123.45) or Chinese (桂A·12345) plate, as written", maxLength = 16,
                    examples = "12C-123.45", required = true)
            String plate,
            @Schema(description = "Trailer plate, if any", maxLength = 16, examples = "12R-012.34")
            String trailerPlate,
            @Schema(description = "Country of registration", enumeration = {"VN", "CN"}, maxLength = 2, required = true)
            String country,
            // Left out when not given, so a declaration that names none reads (and hashes) as before fees.
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "What carries the load; fee schedules charge containers by size (default TRUCK)")
            VehicleKind kind) {
    }

    /** The person driving; name keeps its Vietnamese diacritics. */
    public record Driver(
            @Schema(description = "Full name with diacritics / Họ và tên có dấu", minLength = 2, maxLength = 100,
                    examples = "Nguyễn Văn Ánh", required = true)
            String fullName,
            @Schema(description = "Citizen ID (12 digits), old ID (9) or passport number", maxLength = 12,
                    pattern = "^([0-9]{12}|[0-9]{9}|[A-Za-z]{1,2}[0-9]{6,8})$", examples = "001099012345", required = true)
            String idNumber,
            @Schema(description = "Vietnamese or Chinese mobile number; answered in E.164 form", maxLength = 20,
                    examples = "0912345678", required = true)
            String phone) {
    }

    /** What the truck carries. */
    public record Cargo(
            @Schema(required = true) CargoCategory category,
            @Schema(description = "What is carried / Hàng hoá", maxLength = 500, examples = "Thanh long ruột đỏ",
                    required = true)
            String description,
            @Schema(description = "HS code, 4, 6, 8 or 10 digits", maxLength = 10,
                    pattern = "^([0-9]{4}|[0-9]{6}|[0-9]{8}|[0-9]{10})$", examples = "081090")
            String hsCode,
            @Schema(description = "Gross weight in kg", minimum = "0", exclusiveMinimum = true, maximum = "60000",
                    examples = "18500", required = true)
            BigDecimal grossWeightKg,
            // Each item: at most 16 characters (OpenApiContract.ITEM_LIMITS)
            @Schema(description = "ISO 6346 container numbers with a valid check digit, e.g. MSKU9070323", maxItems = 4)
            List<String> containerNumbers,
            @Schema(description = "Customs declaration numbers, 12 digits each, e.g. 305123456789", maxItems = 20)
            List<String> customsDeclarationNumbers,
            @JsonInclude(JsonInclude.Include.NON_NULL) TradeFacts trade) {
    }

    /**
     * Who pays the trip's fee, when not the declaring firm (a forwarder, the goods' owner): the receipt names
     * them. A firm's tax code is what the finance office reconciles by, so it is required with the name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeePayer(
            @Schema(description = "Company or person / Tên đơn vị, cá nhân nộp phí", minLength = 1, maxLength = 200,
                    examples = "Công ty TNHH Vận tải Đồng Đăng", required = true)
            String name,
            @Schema(description = "Vietnamese tax code: 10 digits, or 10 digits, a hyphen and a 3-digit branch",
                    maxLength = 14, pattern = "^[0-9]{10}(-[0-9]{3})?$", examples = "0300588569", required = true)
            String taxCode,
            @Schema(description = "Address / Địa chỉ", maxLength = 300, examples = "Số 5 Lê Lợi, Cao Bằng")
            String address,
            @Schema(description = "Vietnamese or Chinese mobile number; answered in E.164 form", maxLength = 20,
                    examples = "0912345678")
            String phone) {
    }
}
