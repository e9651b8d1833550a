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
            long at = futures.waitTime(w);
            boolean returned = waiter.spans.size() > 0 && waiter.spans.start(waiter.spans.size() - 1) > at;
            if (futures.isCompleted(futures.waitFuture(w)) || waiter.ended() || returned) {
                continue;
            }
            if (at < now) {
                int bits = ThreadState.BLOCKED_FUTURE.code() | SpanColumns.INFERRED;
                waiter.spans.add(at, now, bits, waiter.lastStack(), -1);
            }
            open[kept++] = w;
        }
        size = kept;
    }
}
