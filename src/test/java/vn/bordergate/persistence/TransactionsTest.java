package vn.bordergate.persistence;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a change queues for after its commit is handed over once, together, and only if it committed: a
 * live follower must never hear of a rolled-back change, nor of one change in pieces.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class TransactionsTest {

    @Inject
    Transactions transactions;

    @Inject
    Pool pool;

    private final List<List<String>> firstReceived = new CopyOnWriteArrayList<>();
    private final List<List<String>> secondReceived = new CopyOnWriteArrayList<>();
    private final Transactions.AfterCommit<String> first = items -> {
        firstReceived.add(items);
        return Uni.createFrom().voidItem();
    };
    private final Transactions.AfterCommit<String> second = items -> {
        secondReceived.add(items);
        return Uni.createFrom().voidItem();
    };

    @Test
    void aCommittedChangeHandsEachReceiverItsItemsOnceInOrder() {
        String answer = transactions.run(conn -> conn.query("SELECT 1").execute().map(rows -> {
            transactions.afterCommit(conn, first, "a");
            transactions.afterCommit(conn, second, "x");
            transactions.afterCommit(conn, first, "b");
            assertTrue(firstReceived.isEmpty(), "nothing is handed over before the commit");
            return "done";
        })).await().indefinitely();

        assertEquals("done", answer);
        assertEquals(List.of(List.of("a", "b")), firstReceived);
        assertEquals(List.of(List.of("x")), secondReceived);
    }

    @Test
    void aRolledBackChangeHandsOverNothing() {
        assertThrows(IllegalStateException.class, () -> transactions.run(conn -> conn.query("SELECT 1").execute()
                .map(rows -> {
                    transactions.afterCommit(conn, first, "never");
                    throw new IllegalStateException("the change fails after queuing");
                })).await().indefinitely());

        assertTrue(firstReceived.isEmpty(), "received: " + firstReceived);
    }

    @Test
    void aWriteOutsideARunIsNotHandedOver() {
        pool.withConnection(conn -> conn.query("SELECT 1").execute().invoke(() ->
                transactions.afterCommit(conn, first, "outside"))).await().indefinitely();
        transactions.run(conn -> conn.query("SELECT 1").execute()).await().indefinitely();

        assertTrue(firstReceived.isEmpty(), "received: " + firstReceived);
    }
}
