package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.Arrays;

/**
 * How long virtual threads waited for a carrier (RUNNABLE: exact with the agent, inferred from a
 * sleep that returned late without it) during given stretches of time: the impact of whatever
 * held the carriers then.
 */
final class CarrierWaits {
    private CarrierWaits() {
    }

    /**
     * The RUNNABLE time of all virtual threads inside the union of {@code [starts[i], ends[i])}
     * for {@code i < count}. Costs one pass over the RUNNABLE spans that overlap the stretches.
     */
    static long during(Timeline timeline, long[] starts, long[] ends, int count) {
        long[][] union = Victims.union(starts, ends, count);
        long[] from = union[0];
        long[] to = union[1];
        if (from.length == 0) {
            return 0;
        }
        long total = 0;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = lane.firstSpanEndingAfter(from[0]); i < lane.spanCount()
                    && lane.spanStart(i) < to[to.length - 1]; i++) {
                if (lane.spanState(i) == ThreadState.RUNNABLE) {
                    total += overlap(from, to, lane.spanStart(i), lane.spanEnd(i));
                }
            }
        }
        return total;
    }

    /** The overlap of {@code [s, e)} with disjoint sorted stretches. */
    static long overlap(long[] from, long[] to, long s, long e) {
        int k = Arrays.binarySearch(to, s);
        k = k < 0 ? -k - 1 : k + 1; // the first stretch ending after s
        long sum = 0;
        for (; k < from.length && from[k] < e; k++) {
            sum += Math.max(0, Math.min(e, to[k]) - Math.max(s, from[k]));
        }
        return sum;
    }
}
