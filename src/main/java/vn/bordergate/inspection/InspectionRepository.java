package vn.bordergate.inspection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.inspection.InspectionRequest.Decision;
import vn.bordergate.inspection.InspectionView.AgencyDecision;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The {@code inspections} table: each agency's latest decision on a declaration. */
@ApplicationScoped
class InspectionRepository {

    private final Pool pool;

    InspectionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records the agency's decision, replacing its earlier one on this declaration. */
    static Uni<Void> record(SqlConnection conn, UUID declarationId, Agency agency, Decision decision, String note,
                            String officer, OffsetDateTime at) {
        return conn.preparedQuery("INSERT INTO inspections (declaration_id, partition_day, agency, decision, note, officer, "
                        + "decided_at) VALUES ($1, partition_day_of($1), $2, $3, $4, $5, $6) "
                        + "ON CONFLICT (declaration_id, agency, partition_day) DO UPDATE SET "
                        + "decision = EXCLUDED.decision, note = EXCLUDED.note, officer = EXCLUDED.officer, decided_at = EXCLUDED.decided_at")
                .execute(Tuple.from(Arrays.asList(declarationId, agency.role(), decision.name(), note, officer, at)))
                .replaceWithVoid();
    }

    /** Each agency's decision so far, read on {@code client} (a transaction's connection sees its own). */
    static Uni<Map<Agency, AgencyDecision>> decisions(SqlClient client, UUID declarationId) {
        return client.preparedQuery("SELECT * FROM inspections WHERE declaration_id = $1 "
                        + "AND partition_day = partition_day_of($1)").execute(Tuple.of(declarationId))
                .map(rows -> {
                    Map<Agency, AgencyDecision> decisions = new HashMap<>();
                    rows.forEach(r -> decisions.put(Agency.fromRole(r.getString("agency")), new AgencyDecision(
                            r.getString("agency"), Decision.valueOf(r.getString("decision")), r.getString("note"),
                            r.getString("officer"), r.getOffsetDateTime("decided_at"))));
                    return decisions;
                });
    }

    Uni<Map<Agency, AgencyDecision>> decisions(UUID declarationId) {
        return decisions(pool, declarationId);
    }
}
