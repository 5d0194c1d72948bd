package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.bordergate.gate.BorderRule;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** The {@code border_rules} table: rules are inserted and ended, never changed or deleted. */
final class BorderRuleRepository {

    private BorderRuleRepository() {
    }

    static Uni<Void> insert(SqlConnection conn, BorderRule r) {
        return conn.preparedQuery("INSERT INTO border_rules (id, gate_code, kind, direction, valid_from, valid_until, "
                        + "max_days_ahead, categories, hs_prefixes, reason_vi, reason_en, created_by) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(Arrays.asList(r.id, r.gateCode, r.kind, r.direction, r.validFrom, r.validUntil,
                        r.maxDaysAhead, r.categories, r.hsPrefixes, r.reasonVi, r.reasonEn, r.createdBy)))
                .replaceWithVoid();
    }

    /** Ends a rule not ended yet; false when that gate has no such rule. */
    static Uni<Boolean> end(SqlConnection conn, String gateCode, UUID id, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE border_rules SET ended_at = $3 WHERE id = $1 AND gate_code = $2 AND ended_at IS NULL")
                .execute(Tuple.of(id, gateCode, at)).map(rows -> rows.rowCount() == 1);
    }
}
