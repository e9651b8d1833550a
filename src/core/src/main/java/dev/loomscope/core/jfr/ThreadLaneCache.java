package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedThread;

/**
 * The lane of each {@link RecordedThread} met lately, by identity: within a chunk JFR hands out one
 * object per thread, so most events find their lane without reading a field. Direct-mapped (a
 * thread that lands on a taken entry replaces it): a recording of a million short-lived threads
 * meets each a few times in a row, and a map that held them would be large, cleared and refilled,
 * and missed in the cache on every event.
 */
final class ThreadLaneCache {
    static final int MISSING = Integer.MIN_VALUE;
    private static final int SIZE = 1 << 14;

    private final RecordedThread[] threads = new RecordedThread[SIZE];
    private final int[] lanes = new int[SIZE];

    /** The lane cached for {@code thread}, or {@link #MISSING}. */
    int get(RecordedThread thread) {
        int i = slot(thread);
        return threads[i] == thread ? lanes[i] : MISSING;
    }

    void put(RecordedThread thread, int lane) {
        int i = slot(thread);
        threads[i] = thread;
        lanes[i] = lane;
    }

    private static int slot(RecordedThread thread) {
        return System.identityHashCode(thread) & (SIZE - 1);
    }
}
