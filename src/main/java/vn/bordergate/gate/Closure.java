package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A time a gate is closed, with its reason in Vietnamese and English; none of its slots inside is offered. */
@Entity
@Table(name = "gate_closures")
public class Closure extends PanacheEntityBase {

    @Id
    public java.util.UUID id;
    @Column(name = "gate_code", columnDefinition = "text")
    public String gateCode;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    @Column(name = "reason_vi", columnDefinition = "text")
    public String reasonVi;
    @Column(name = "reason_en", columnDefinition = "text")
    public String reasonEn;
    @Column(name = "created_by", columnDefinition = "text")
    public String createdBy;
    @Column(name = "reopened_at")
    public OffsetDateTime reopenedAt;

    /** Whether the closure covers any part of [start, end). */
    public boolean overlaps(OffsetDateTime start, OffsetDateTime end) {
        return startsAt.isBefore(end) && endsAt.isAfter(start);
    }
}
