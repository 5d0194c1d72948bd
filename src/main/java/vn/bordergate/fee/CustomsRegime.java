package vn.bordergate.fee;

/**
 * Under which customs regime the goods cross; fee schedules price the regimes apart (a province's resolution
 * charges re-exported or transit goods per container, ordinary trade per tonne).
 */
public enum CustomsRegime {
    /** Ordinary export or import (xuất khẩu, nhập khẩu chính ngạch). */
    ORDINARY_TRADE,
    /** Temporarily imported for re-export (tạm nhập tái xuất). */
    TEMPORARY_IMPORT_REEXPORT,
    /** Sent into or out of a bonded warehouse (gửi kho ngoại quan). */
    BONDED,
    /** In transit through Viet Nam (quá cảnh). */
    TRANSIT
}
