package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;
import vn.bordergate.http.ProblemException;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The archive is for the occasional look back: a read over its limit is refused at once with 503, not queued. */
class ArchiveReadLimitTest {

    @Test
    void aReadOverTheLimitIsRefusedAtOnceWithRetryAfter() {
        // No room at all: the database is never asked (a null pool would throw if it were).
        ArchivedDeclarationQueries archive = new ArchivedDeclarationQueries(null, null, 0);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> archive.find(UUID.randomUUID()).await().atMost(Duration.ofSeconds(1)));

        assertEquals(503, refused.status());
    }
}
