package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;


import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A border gate: its province, weekly opening hours, slot length, booking horizon and default capacity per
 * slot. Seeded by migration for the first gates; onboarded and changed through the administration API since.
 */
@Entity
@Table(name = "gates")
public class Gate extends PanacheEntityBase {

    // Flyway owns the schema; the column types are spelled out so Hibernate's dev-mode check agrees with it.
    @Id
    @Column(columnDefinition = "text")
    public String code;
    @Column(columnDefinition = "text")
    public String name;
    /** The province's name, as first seeded; {@link #provinceCode} is what the API uses. */
    @Column(columnDefinition = "text")
    public String province;
    @Column(name = "province_code", columnDefinition = "text")
    public String provinceCode;
    public boolean active;
    @Column(name = "reference_prefix", columnDefinition = "text")
    public String referencePrefix;
    public boolean international;
    @Column(name = "time_zone", columnDefinition = "text")
    public String timeZone;
    /** The widest span of the week (earliest opening, latest closing), kept for clients that read it. */
    @Column(name = "opens_at")
    public LocalTime opensAt;
    @Column(name = "closes_at")
    public LocalTime closesAt;
    /** The weekly hours as JSON text (see {@link OpeningHours}); read through {@link #week()}. */
    @Column(name = "opening_hours", columnDefinition = "text")
    public String openingHours;
    @Column(name = "slot_minutes")
    public int slotMinutes;
    @Column(name = "booking_horizon_days")
    public int bookingHorizonDays;
    /** The local time at which the day {@link #bookingHorizonDays} ahead becomes bookable. */
    @Column(name = "booking_opens_at")
    public LocalTime bookingOpensAt;
    @Column(name = "export_capacity")
    public int exportCapacity;
    @Column(name = "import_capacity")
    public int importCapacity;

    /** A detached copy, to work out a change before it is written. */
    public Gate copy() {
        Gate g = new Gate();
        g.code = code;
        g.name = name;
        g.province = province;
        g.provinceCode = provinceCode;
        g.active = active;
        g.referencePrefix = referencePrefix;
        g.international = international;
        g.timeZone = timeZone;
        g.opensAt = opensAt;
        g.closesAt = closesAt;
        g.openingHours = openingHours;
        g.slotMinutes = slotMinutes;
        g.bookingHorizonDays = bookingHorizonDays;
        g.bookingOpensAt = bookingOpensAt;
        g.exportCapacity = exportCapacity;
        g.importCapacity = importCapacity;
        g.closures = closures;
        g.rules = rules;
        return g;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    // Read on every slot computation: parsed once per loaded gate (the catalog shares it, read-only).
    @Transient
    private List<OpeningHours> week;

    // The closures in force, attached by the catalog when it loads the gates.
    @Transient
    private List<Closure> closures = List.of();

    public List<Closure> closures() {
        return closures;
    }

    public void setClosures(List<Closure> inForce) {
        closures = List.copyOf(inForce);
    }

    // The border rules not yet over, attached by the catalog when it loads the gates.
    @Transient
    private List<BorderRule> rules = List.of();

    public List<BorderRule> rules() {
        return rules;
    }

    public void setRules(List<BorderRule> notOver) {
        rules = List.copyOf(notOver);
    }

    /** The rules of a kind in force at an instant for trucks going one way. */
    public List<BorderRule> rulesAt(BorderRule.Kind kind, java.time.Instant at, String truckDirection) {
        return rules.stream().filter(r -> r.kind() == kind && r.covers(truckDirection) && r.inForceAt(at)).toList();
    }

    /** The closure in force over any part of [start, end), if there is one. */
    public Optional<Closure> closureOver(java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        return closures.stream().filter(c -> c.overlaps(start, end)).findFirst();
    }

    public List<OpeningHours> week() {
        List<OpeningHours> parsed = week;
        if (parsed == null) {
            parsed = OpeningHours.fromJson(openingHours);
            week = parsed;
        }
        return parsed;
    }

    /** The hours the gate is open on that weekday, or empty when it is closed all day. */
    public Optional<OpeningHours> hoursOn(DayOfWeek day) {
        return week().stream().filter(hours -> hours.days().contains(day)).findFirst();
    }

    /** Sets the weekly hours, and the widest span of the week that {@link #opensAt}/{@link #closesAt} keep. */
    public void setWeek(List<OpeningHours> week) {
        this.week = List.copyOf(week);
        openingHours = OpeningHours.toJson(week);
        opensAt = week.stream().map(OpeningHours::opensAt).min(LocalTime::compareTo).orElse(LocalTime.MIDNIGHT);
        closesAt = week.stream().map(OpeningHours::closesAt).max(LocalTime::compareTo).orElse(LocalTime.MIDNIGHT.plusMinutes(1));
    }

    /** Places per slot when no capacity was set for that slot. */
    public int defaultCapacity(Direction direction) {
        return direction == Direction.EXPORT ? exportCapacity : importCapacity;
    }
}
