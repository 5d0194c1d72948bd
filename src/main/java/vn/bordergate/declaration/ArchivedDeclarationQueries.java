package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.bordergate.declaration.idempotency.DeclarationIds;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.PartitionDayQueries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Declarations of archived booking days, read through the same API as online ones (auditors, a firm's
 * history): each archived day is a table of its own in the archive schema, named by the day the id carries,
 * so a read touches that one table and never locks an online partition. The archive is for the occasional
 * look back, not for load: at most {@code bordergate.archive.concurrent-reads} reads run at once on an
 * instance, and the next one is refused with 503 at once rather than queued behind them.
 */
@ApplicationScoped
public class ArchivedDeclarationQueries {

    private static final String UNDEFINED_TABLE = "42P01";

    private final Pool pool;
    private final DeclarationRows rows;
    private final Semaphore reads;

    public ArchivedDeclarationQueries(Pool pool, DeclarationRows rows,
                                      @ConfigProperty(name = "bordergate.archive.concurrent-reads", defaultValue = "4") int concurrentReads) {
        this.pool = pool;
        this.rows = rows;
        this.reads = new Semaphore(concurrentReads);
    }

    /** The archived declaration with this id; null when its day is not archived or holds no such id. */
    public Uni<Declaration> find(UUID id) {
        String table = PartitionDayQueries.ARCHIVE + "." + PartitionDayQueries.partition("declarations",
                DeclarationIds.partitionDay(id));
        return limited(() -> pool.preparedQuery("SELECT d.*, g.time_zone FROM " + table
                        + " d JOIN gates g ON g.code = d.gate_code WHERE d.id = $1").execute(Tuple.of(id))
                .map(found -> found.rowCount() == 0 ? null : rows.toDeclaration(found.iterator().next()))
                .onFailure(ArchivedDeclarationQueries::noSuchDay).recoverWithNull());
    }

    /**
     * A listing's page from archived booking days: one statement over those days' tables that still exist (a
     * day dropped by retention has none), each read in the listing's keyset order.
     */
    Uni<List<Declaration>> page(DeclarationRepository.Filter filter, List<LocalDate> days, int limit) {
        String[] tables = days.stream().map(day -> PartitionDayQueries.partition("declarations", day)).toArray(String[]::new);
        return limited(() -> pool.preparedQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = $1 AND c.relname = ANY($2) ORDER BY c.relname")
                .execute(Tuple.of(PartitionDayQueries.ARCHIVE, tables)).chain(found -> {
                    List<String> existing = new ArrayList<>();
                    found.forEach(row -> existing.add(row.getString("relname")));
                    if (existing.isEmpty()) {
                        return Uni.createFrom().item(List.<Declaration>of());
                    }
                    List<Object> params = new ArrayList<>(filter.params());
                    params.add(limit);
                    String where = filter.where().isEmpty() ? "" : " WHERE " + String.join(" AND ", filter.where());
                    String order = " ORDER BY partition_day, created_at, id LIMIT $" + params.size();
                    String sql = "SELECT * FROM (" + existing.stream()
                            .map(table -> "(SELECT d.*, g.time_zone FROM " + PartitionDayQueries.ARCHIVE + "." + table
                                    + " d JOIN gates g ON g.code = d.gate_code" + where
                                    + " ORDER BY d.partition_day, d.created_at, d.id LIMIT $" + params.size() + ")")
                            .collect(java.util.stream.Collectors.joining(" UNION ALL ")) + ") archived" + order;
                    return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows::declarations);
                }));
    }

    /**
     * Whether the day this id carries was dropped at the end of its retention. An id that carries no day (minted
     * before partitioning, or made up) says nothing of when it was booked: never "dropped", so never 410.
     */
    public Uni<Boolean> dropped(UUID id) {
        if (id.version() != 8) {
            return Uni.createFrom().item(false);
        }
        LocalDate day = DeclarationIds.partitionDay(id);
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM dropped_days WHERE partition_day = $1) AS dropped")
                .execute(Tuple.of(day)).map(found -> found.iterator().next().getBoolean("dropped"));
    }

    private <T> Uni<T> limited(Supplier<Uni<T>> read) {
        if (!reads.tryAcquire()) {
            return Uni.createFrom().failure(Problems.unavailable("the archive is answering other reads; retry shortly", 1));
        }
        return Uni.createFrom().<T>deferred(read::get).onTermination().invoke(reads::release);
    }

    private static boolean noSuchDay(Throwable e) {
        return e instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState());
    }
}
