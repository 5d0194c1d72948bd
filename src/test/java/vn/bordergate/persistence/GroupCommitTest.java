package vn.bordergate.persistence;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes that queue go together in one transaction, yet each gets its own answer, failures included. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class GroupCommitTest {

    static final String INSERT = "INSERT INTO group_commit_probe (id) VALUES ($1) RETURNING id";

    @Inject
    Pool pool;

    @BeforeEach
    void freshTable() {
        Database.update("CREATE TABLE IF NOT EXISTS group_commit_probe (id int PRIMARY KEY)");
        Database.update("TRUNCATE group_commit_probe");
    }

    static List<CompletableFuture<Integer>> writeAll(GroupCommit writes, int... ids) {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int id : ids) {
            answers.add(writes.execute(Tuple.of(id)).map(rows -> rows.iterator().next().getInteger("id"))
                    .subscribeAsCompletionStage());
        }
        return answers;
    }

    @Test
    void queuedWritesGoTogetherAndEachGetsItsOwnRow() throws Exception {
        GroupCommit writes = new GroupCommit(pool, INSERT, 32, 1, OpenTelemetry.noop().getTracer("test"));
        int[] ids = new int[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + i;
        }
        List<CompletableFuture<Integer>> answers = writeAll(writes, ids);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], answers.get(i).get(10, TimeUnit.SECONDS), "each write is answered with its own row");
        }
        assertEquals(50, Database.count("SELECT count(*) FROM group_commit_probe"));
        long[] grouped = writes.grouped();
        assertTrue(grouped[1] >= 1 && grouped[0] >= 2, "writes that queued behind the first went in groups: "
                + grouped[0] + " writes in " + grouped[1] + " groups");
    }

    @Test
    void oneFailingWriteFailsAloneAndTheOthersOfItsGroupCommit() throws Exception {
        GroupCommit writes = new GroupCommit(pool, INSERT, 32, 1, OpenTelemetry.noop().getTracer("test"));
        // 7 twice: whichever comes second breaks its group, whose other writes must still commit.
        List<CompletableFuture<Integer>> answers = writeAll(writes, 1, 2, 3, 4, 5, 6, 7, 8, 7, 9, 10);
        int failed = 0;
        for (CompletableFuture<Integer> answer : answers) {
            try {
                answer.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed++;
                PgException duplicate = assertInstanceOf(PgException.class, e.getCause());
                assertEquals("23505", duplicate.getSqlState());
            }
        }
        assertEquals(1, failed, "only the second 7 is refused");
        assertEquals(10, Database.count("SELECT count(*) FROM group_commit_probe"));
    }

    @Test
    void aLoneWriteWaitsForNoOne() {
        GroupCommit writes = new GroupCommit(pool, INSERT, 32, 4, OpenTelemetry.noop().getTracer("test"));
        for (int id = 1; id <= 5; id++) {
            assertEquals(id, writes.execute(Tuple.of(id)).map(rows -> rows.iterator().next().getInteger("id"))
                    .await().atMost(Duration.ofSeconds(10)));
        }
        assertEquals(0, writes.grouped()[1], "one at a time, nothing is grouped");
    }
}
