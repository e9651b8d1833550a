package dev.loomscope.core.jfr;

import java.util.List;

/**
 * The instants up to which a file read front to back has read everything: its chunks' ends.
 *
 * <p>JFR flushes every thread's buffer when it starts a new chunk, so each event is in the chunk
 * where it ended, and the chunks follow each other in the file. Once an event ending after a
 * chunk's end has been read, so has every event that ended before it: that end can be shown as
 * read. Within a chunk the events come in no order. Chunks out of time order (files joined
 * together) have no such instants: the whole file is read first.
 */
final class ChunkBoundaries {
    /** Beyond a chunk's end before an event counts as the next chunk's: the header's end is taken at rotation. */
    private static final long MARGIN_NANOS = 100_000_000L;

    private final long[] ends;
    private int next;

    private ChunkBoundaries(long[] ends) {
        this.ends = ends;
    }

    /** The ends of {@code chunks} but the last, in nanoseconds since {@code origin}. */
    static ChunkBoundaries of(List<ChunkIndex.Chunk> chunks, long origin) {
        long[] ends = new long[Math.max(0, chunks.size() - 1)];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = chunks.get(i).endEpochNanos() - origin;
            boolean inOrder = chunks.get(i + 1).startEpochNanos() >= chunks.get(i).endEpochNanos()
                    && (i == 0 || ends[i] > ends[i - 1]);
            if (!inOrder) {
                return new ChunkBoundaries(new long[0]);
            }
        }
        return new ChunkBoundaries(ends);
    }

    /**
     * The latest chunk end that an event ending at {@code latestEnd} proves read, if it passed one
     * not reported before; else -1. Cheap: called once per event.
     */
    long passed(long latestEnd) {
        long passed = -1;
        while (next < ends.length && latestEnd > ends[next] + MARGIN_NANOS) {
            passed = ends[next++];
        }
        return passed;
    }
}
