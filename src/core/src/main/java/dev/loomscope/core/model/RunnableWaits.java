package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * Every wait of a virtual thread for a carrier (a RUNNABLE span), ordered by when it began, built
 * once per model version: the Carriers tab's latency panel then costs the waits in view (a binary
 * search and a sort of those) instead of a walk over every virtual thread's spans on each repaint,
 * and the whole recording's waits are sorted once.
 */
final class RunnableWaits {
    private final long version;
    /** When each wait began, ascending. */
    private final long[] starts;
    /** How long each wait lasted, in the order of {@link #starts}. */
    private final long[] lengths;
    /** All the lengths, ascending. */
    private final long[] sortedLengths;

    private RunnableWaits(long version, long[] starts, long[] lengths) {
        this.version = version;
        this.starts = starts;
        this.lengths = lengths;
        this.sortedLengths = lengths.clone();
        Arrays.sort(sortedLengths);
    }

    long version() {
        return version;
    }

    static RunnableWaits of(Timeline timeline) {
        long[] packed = new long[64]; // start and length interleaved, sorted through an index below
        int n = 0;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.RUNNABLE) {
                    if (2 * n + 2 > packed.length) {
                        packed = Arrays.copyOf(packed, packed.length * 2);
                    }
                    packed[2 * n] = lane.spanStart(i);
                    packed[2 * n + 1] = lane.spanEnd(i) - lane.spanStart(i);
                    n++;
                }
            }
        }
        long[] byStart = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = packed[2 * i];
            order[i] = i;
        }
        sortByStart(order, new int[n], byStart, 0, n);
        long[] starts = new long[n];
        long[] lengths = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = packed[2 * order[i]];
            lengths[i] = packed[2 * order[i] + 1];
        }
        return new RunnableWaits(timeline.version(), starts, lengths);
    }

    /** Sorts {@code order[lo, hi)} by {@code start}: a merge sort of indices, no object per wait. */
    private static void sortByStart(int[] order, int[] buffer, long[] start, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        sortByStart(order, buffer, start, lo, mid);
        sortByStart(order, buffer, start, mid, hi);
        if (start[order[mid - 1]] <= start[order[mid]]) {
            return; // each lane's waits come in order already
        }
        System.arraycopy(order, lo, buffer, lo, hi - lo);
        int left = lo;
        int right = mid;
        for (int k = lo; k < hi; k++) {
            order[k] = right < hi && (left >= mid || start[buffer[right]] < start[buffer[left]]) ? buffer[right++] : buffer[left++];
        }
    }

    int count() {
        return starts.length;
    }

    long start(int i) {
        return starts[i];
    }

    long length(int i) {
        return lengths[i];
    }

    /** The lengths of the waits that began in {@code [from, to)}, ascending; not to be changed. */
    long[] sortedIn(long from, long to) {
        int lo = firstAtOrAfter(from);
        int hi = firstAtOrAfter(to);
        if (lo == 0 && hi == starts.length) {
            return sortedLengths;
        }
        long[] in = Arrays.copyOfRange(lengths, lo, hi);
        Arrays.sort(in);
        return in;
    }

    private int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
