package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalTime;
import java.time.ZoneId;

/** A border gate: reference data seeded by migration, with its opening hours and default slot capacity. */
@Entity
@Table(name = "gates")
public class Gate extends PanacheEntityBase {

    // Flyway owns the schema; the column types are spelled out so Hibernate's dev-mode check agrees with it.
    @Id
    @Column(columnDefinition = "text")
    public String code;
    @Column(columnDefinition = "text")
    public String name;
    @Column(columnDefinition = "text")
    public String province;
    @Column(name = "reference_prefix", columnDefinition = "text")
    public String referencePrefix;
    public boolean international;
    @Column(name = "time_zone", columnDefinition = "text")
    public String timeZone;
    @Column(name = "opens_at")
    public LocalTime opensAt;
    @Column(name = "closes_at")
    public LocalTime closesAt;
    @Column(name = "slot_minutes")
    public int slotMinutes;
    @Column(name = "booking_horizon_days")
    public int bookingHorizonDays;
    @Column(name = "export_capacity")
    public int exportCapacity;
    @Column(name = "import_capacity")
    public int importCapacity;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Places per slot when no capacity was set for that slot. */
    public int defaultCapacity(Direction direction) {
        return direction == Direction.EXPORT ? exportCapacity : importCapacity;
    }
}
