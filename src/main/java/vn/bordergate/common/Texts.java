package vn.bordergate.common;

import java.util.Map;

/** Human texts in Vietnamese and English: declaration statuses and problem titles. */
public final class Texts {

    private static final Map<String, String[]> STATUS = Map.of(
            "BOOKED", new String[]{"Đã đặt lịch", "Booked"},
            "CHECKED_IN", new String[]{"Đã vào bãi chờ", "Waiting in the yard"},
            "CALLED", new String[]{"Đã được gọi vào cửa khẩu", "Called to the gate"},
            "RELEASED", new String[]{"Đã được thông quan", "Released"},
            "EXITED", new String[]{"Đã qua cửa khẩu", "Crossed the border"},
            "CANCELLED", new String[]{"Đã hủy", "Cancelled"},
            "NO_SHOW", new String[]{"Không đến", "No-show"},
            "REJECTED", new String[]{"Bị từ chối", "Rejected"});

    private static final Map<String, String> VIETNAMESE_TITLES = Map.ofEntries(
            Map.entry("validation", "Yêu cầu không hợp lệ"),
            Map.entry("malformed-json", "Nội dung không phải JSON hợp lệ"),
            Map.entry("body-too-large", "Nội dung yêu cầu quá lớn"),
            Map.entry("unauthenticated", "Cần xác thực"),
            Map.entry("forbidden", "Không được phép"),
            Map.entry("not-found", "Không tìm thấy"),
            Map.entry("slot-full", "Khung giờ đã hết chỗ"),
            Map.entry("quota-exceeded", "Vượt hạn mức đặt chỗ trong ngày"),
            Map.entry("vehicle-already-booked", "Xe đã có lịch đặt trong ngày"),
            Map.entry("invalid-state", "Không thực hiện được ở trạng thái hiện tại"),
            Map.entry("stale-version", "Tờ khai đã bị thay đổi"),
            Map.entry("precondition-required", "Thiếu tiêu đề If-Match"),
            Map.entry("idempotency-key-reused", "Idempotency-Key đã dùng cho yêu cầu khác"),
            Map.entry("unavailable", "Dịch vụ tạm thời không sẵn sàng"),
            Map.entry("too-many-requests", "Quá nhiều yêu cầu đặt chỗ cùng lúc"),
            Map.entry("check-in-too-early", "Quá sớm để vào bãi chờ"),
            Map.entry("check-in-too-late", "Quá muộn để vào bãi chờ"),
            Map.entry("qr-invalid", "Mã QR không hợp lệ"),
            Map.entry("qr-expired", "Mã QR đã hết hạn"),
            Map.entry("inspection-not-required", "Cơ quan này không kiểm tra loại hàng này"),
            Map.entry("booking-not-open", "Chưa mở đặt lịch cho ngày này"),
            Map.entry("gate-inactive", "Cửa khẩu tạm ngừng nhận đặt lịch"),
            Map.entry("gate-exists", "Mã hoặc tiền tố cửa khẩu đã được dùng"),
            Map.entry("gate-change-strands-bookings", "Thay đổi ảnh hưởng đến lịch đã đặt"),
            Map.entry("province-exists", "Mã tỉnh đã tồn tại"),
            Map.entry("internal-error", "Lỗi hệ thống"));

    private Texts() {
    }

    public static String status(String status, Language language) {
        String[] texts = STATUS.get(status);
        return texts == null ? status : texts[language == Language.VI ? 0 : 1];
    }

    /** The title of a problem type in the language; the English title is the one the problem was built with. */
    public static String title(String type, String englishTitle, Language language) {
        return language == Language.VI ? VIETNAMESE_TITLES.getOrDefault(type, englishTitle) : englishTitle;
    }
}
