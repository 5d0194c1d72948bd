package vn.bordergate.fee;

/** Where the goods go after the gate, when a schedule prices it apart. */
public enum Delivery {
    /** Imports carried on to a destination inland (Lạng Sơn: 130 % of the rate). */
    INLAND,
    /** Only transferred between vehicles at the border wharf (Lạng Sơn: 30 % of the rate). */
    WHARF_ONLY
}
