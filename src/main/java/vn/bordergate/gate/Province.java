package vn.bordergate.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A province with land border gates; its code (LANG_SON, LAO_CAI, ...) is what gates and tokens name. */
@Entity
@Table(name = "provinces")
public class Province extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String code;
    @Column(columnDefinition = "text")
    public String name;
}
