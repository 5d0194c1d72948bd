package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.bordergate.gate.Closure;

import java.time.OffsetDateTime;

/** The {@code gate_closures} table, written in the transaction that moves the bookings out of the way. */
final class ClosureRepository {

    private ClosureRepository() {
    }

    static Uni<Closure> insert(SqlConnection conn, String gateCode, ClosureRequest r, String by) {
        return conn.preparedQuery("INSERT INTO gate_closures (gate_code, starts_at, ends_at, reason_vi, reason_en, created_by) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .execute(Tuple.from(java.util.List.of(gateCode, r.from(), r.to(), r.reason().vi().strip(),
                        r.reason().en().strip(), by)))
                .map(rows -> {
                    Closure c = new Closure();
                    c.id = rows.iterator().next().getUUID("id");
                    c.gateCode = gateCode;
                    c.startsAt = r.from();
                    c.endsAt = r.to();
                    c.reasonVi = r.reason().vi().strip();
                    c.reasonEn = r.reason().en().strip();
                    c.createdBy = by;
                    return c;
                });
    }

    /** Reopens a closure still in force; false when there is none with that id at that gate. */
    static Uni<Boolean> reopen(SqlConnection conn, String gateCode, java.util.UUID id, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE gate_closures SET reopened_at = $3 WHERE id = $1 AND gate_code = $2 "
                        + "AND reopened_at IS NULL")
                .execute(Tuple.of(id, gateCode, at)).map(rows -> rows.rowCount() == 1);
    }
}
