package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The {@code join}/{@code get} calls of platform threads that may still be waiting, for
 * {@link TimelineWriter}'s inference of waits that never returned. A wait leaves for good once its
 * future completed, its thread ended or showed a later span: none of those is undone by later
 * events, so a live timeline looks at each wait until then and no longer, not at every wait ever
 * made on every refresh.
 */
final class OpenWaits {
    private int[] open = new int[16];
    private int size;
    /** Waits before this index have been taken in. */
    private int seen;

    /**
     * Draws every wait still open as BLOCKED_FUTURE (inferred) from its call to {@code now}, and
     * forgets the waits that are answered.
     */
    void infer(Timeline timeline, long now) {
        FutureGraph futures = timeline.futures;
        for (; seen < futures.waitCount(); seen++) {
            if (!timeline.lanes.get(futures.waitLane(seen)).isVirtual()) {
                // Platform threads only: a virtual thread's block is known from the agent's
                // BlockBegin, and when that is missing (events lost under load) nothing says it still waits.
                if (size == open.length) {
                    open = Arrays.copyOf(open, size * 2);
                }
                open[size++] = seen;
            }
        }
        int kept = 0;
        for (int k = 0; k < size; k++) {
            int w = open[k];
            Lane waiter = timeline.lanes.get(futures.waitLane(w));
            // A live window cuts a wait older than it at its start: drawn from there, not returned there.
            long at = Math.max(futures.waitTime(w), timeline.windowStart);
            int spans = waiter.spanCount();
            boolean returned = spans > 0 && waiter.spanStart(spans - 1) > at;
            if (futures.isCompleted(futures.waitFuture(w)) || waiter.ended() || returned) {
                continue;
            }
            if (at < now) {
                int bits = ThreadState.BLOCKED_FUTURE.code() | SpanColumns.INFERRED;
                waiter.spansToWrite().add(at, now, bits, waiter.lastStack(), -1);
            }
            open[kept++] = w;
        }
        size = kept;
    }

    /** The graph dropped old chains: {@code waitIndex} gives each wait's new index, or -1. */
    void renumber(int[] waitIndex) {
        int kept = 0;
        for (int k = 0; k < size; k++) {
            int w = waitIndex[open[k]];
            if (w >= 0) { // an open wait's future is pending: its chain stays
                open[kept++] = w;
            }
        }
        size = kept;
        int seenKept = 0;
        for (int w = 0; w < seen; w++) {
            seenKept += waitIndex[w] >= 0 ? 1 : 0;
        }
        seen = seenKept;
    }
}
