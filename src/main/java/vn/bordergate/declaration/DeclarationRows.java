package vn.bordergate.declaration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.gate.Direction;
import vn.bordergate.slot.Slot;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code declarations} row and a {@link Declaration}, both ways: one mapping for every statement that
 * reads or writes the table, wherever it lives. Times are turned into the gate's zone, as the API shows them.
 */
@ApplicationScoped
public class DeclarationRows {

    private final ObjectMapper json;

    public DeclarationRows(ObjectMapper json) {
        this.json = json;
    }

    /** A row selected with {@link DeclarationRepository#SELECT} (the declaration and its gate's time zone). */
    public Declaration toDeclaration(Row row) {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        Slot slot = new Slot(inZone(row.getOffsetDateTime("slot_start"), zone), inZone(row.getOffsetDateTime("slot_end"), zone));
        return new Declaration(row.getUUID("id"), row.getString("reference"), row.getString("gate_code"),
                Direction.valueOf(row.getString("direction")), slot, DeclarationStatus.valueOf(row.getString("status")),
                Priority.valueOf(row.getString("priority")), row.getInteger("queue_number"), row.getInteger("version"),
                row.getString("tax_code"), row.getString("plate_key"), row.getString("driver_phone"),
                fromJson(row.getJsonObject("vehicle"), Vehicle.class), fromJson(row.getJsonObject("driver"), Driver.class),
                fromJson(row.getJsonObject("cargo"), Cargo.class), feePayer(row), row.getString("created_by"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    public List<Declaration> declarations(RowSet<Row> rows) {
        List<Declaration> list = new ArrayList<>();
        rows.forEach(row -> list.add(toDeclaration(row)));
        return list;
    }

    /** A part of a declaration (vehicle, driver, cargo) as the JSON column holds it. */
    @SuppressWarnings("unchecked")
    public JsonObject toJson(Object part) {
        return new JsonObject(json.convertValue(part, Map.class));
    }

    public static OffsetDateTime inZone(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).toOffsetDateTime();
    }

    /** The part as its JSON column holds it; null for a null part (no fee payer named). */
    public JsonObject toJsonOrNull(Object part) {
        return part == null ? null : toJson(part);
    }

    private FeePayer feePayer(Row row) {
        JsonObject payer = row.getJsonObject("fee_payer");
        return payer == null ? null : fromJson(payer, FeePayer.class);
    }

    private <T> T fromJson(JsonObject value, Class<T> type) {
        return json.convertValue(value.getMap(), type);
    }
}
