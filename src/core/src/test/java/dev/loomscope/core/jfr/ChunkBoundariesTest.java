package dev.loomscope.core.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When a file read front to back has read everything before a chunk's end: once an event ending
 * past it (and past the margin) is read. Files joined from several recordings have chunks out of
 * time order, and no such instant.
 */
class ChunkBoundariesTest {
    private static final long ORIGIN = 1_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aChunkEndIsReadOnceAnEventEndsPastItAndItsMargin() {
        ChunkBoundaries boundaries = ChunkBoundaries.of(List.of(chunk(0, 2), chunk(2, 3), chunk(5, 1)), ORIGIN);
        assertEquals(-1, boundaries.passed(SECOND), "inside the first chunk");
        assertEquals(-1, boundaries.passed(2 * SECOND + 50_000_000L), "within the margin: may still be the first chunk's");
        assertEquals(2 * SECOND, boundaries.passed(2 * SECOND + 200_000_000L));
        assertEquals(-1, boundaries.passed(2 * SECOND + 300_000_000L), "each end is told once");
        assertEquals(5 * SECOND, boundaries.passed(6 * SECOND), "the second chunk's end");
        assertEquals(-1, boundaries.passed(100 * SECOND), "the last chunk's end is the file's: the load's end tells it");
    }

    @Test
    void severalEndsPassedAtOnceTellTheLatest() {
        ChunkBoundaries boundaries = ChunkBoundaries.of(List.of(chunk(0, 1), chunk(1, 1), chunk(2, 1), chunk(3, 1)), ORIGIN);
        assertEquals(2 * SECOND, boundaries.passed(2 * SECOND + 500_000_000L));
        assertEquals(3 * SECOND, boundaries.passed(3 * SECOND + 500_000_000L));
    }

    @Test
    void chunksOutOfTimeOrderHaveNoEndReadBeforeTheWholeFile() {
        // Two recordings joined: the second starts before the first ends.
        ChunkBoundaries joined = ChunkBoundaries.of(List.of(chunk(10, 2), chunk(12, 2), chunk(0, 3)), ORIGIN);
        assertEquals(-1, joined.passed(11 * SECOND));
        assertEquals(-1, joined.passed(13 * SECOND));
        assertEquals(-1, joined.passed(100 * SECOND));
        ChunkBoundaries one = ChunkBoundaries.of(List.of(chunk(0, 5)), ORIGIN);
        assertEquals(-1, one.passed(100 * SECOND), "a file of one chunk is shown whole");
    }

    private static ChunkIndex.Chunk chunk(long startSeconds, long seconds) {
        return new ChunkIndex.Chunk(0, 1, ORIGIN + startSeconds * SECOND, seconds * SECOND, true);
    }
}
