package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.Arrays;

/**
 * Every pinned span of every thread, in columns: carrier time that was pinning, which the
 * starvation detector leaves to the pinning detector.
 */
final class PinnedSpans {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int count;

    static PinnedSpans of(Timeline timeline) {
        PinnedSpans pins = new PinnedSpans();
        for (Lane lane : timeline.lanes()) {
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.PINNED) {
                    pins.add(lane.spanStart(i), lane.spanEnd(i));
                }
            }
        }
        return pins;
    }

    private void add(long start, long end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = end;
    }

    /** Whether one pin alone covers at least half of {@code [s, e)}. */
    boolean oneCoversHalf(long s, long e) {
        for (int i = 0; i < count; i++) {
            if ((Math.min(e, ends[i]) - Math.max(s, starts[i])) * 2 >= e - s) {
                return true;
            }
        }
        return false;
    }

    /** The pinned time (of any thread, counted once) inside the disjoint sorted stretches {@code [from[k], to[k])}. */
    long within(long[] from, long[] to) {
        long[][] union = Victims.union(starts, ends, count);
        long sum = 0;
        for (int k = 0; k < from.length; k++) {
            sum += CarrierWaits.overlap(union[0], union[1], from[k], to[k]);
        }
        return sum;
    }
}
