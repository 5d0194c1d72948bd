package vn.bordergate.fee;

/** What carries the load: schedules charge containers per trip by size and open trucks by tonnage. */
public enum VehicleKind {
    TRUCK, CONTAINER_20, CONTAINER_40
}
