package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;
import vn.bordergate.http.ProblemException;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The archive is for the occasional look back: a read over its limit is refused at once with 503, not queued;
 * and only an id that carries a dropped day is gone (410).
 */
class ArchiveReadLimitTest {

    @Test
    void aReadOverTheLimitIsRefusedAtOnceWithRetryAfter() {
        // No room at all: the database is never asked (a null pool would throw if it were).
        ArchivedDeclarationQueries archive = new ArchivedDeclarationQueries(null, null, 0);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> archive.find(UUID.randomUUID()).await().atMost(Duration.ofSeconds(1)));

        assertEquals(503, refused.status());
    }

    @Test
    void anIdThatCarriesNoDayIsNeverGoneOnlyUnknown() {
        // A made-up (version 4) id: even with the undated day dropped, it answers 404, not 410.
        ArchivedDeclarationQueries archive = new ArchivedDeclarationQueries(null, null, 1);

        assertEquals(false, archive.dropped(UUID.randomUUID()).await().atMost(Duration.ofSeconds(1)));
    }
}
