package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The instants at which execution samples caught one thread on a CPU: evidence that it ran then,
 * which the starvation detector uses to name the threads that held the carriers. Samples arrive
 * nearly in order; they are sorted once before anyone reads them ({@link #sort}).
 */
final class SampleTimes {
    private static final long[] NONE = new long[0];

    private long[] times = NONE;
    private int count;
    private boolean sorted = true;

    void add(long t) {
        if (count == times.length) {
            times = Arrays.copyOf(times, Math.max(4, count * 2));
        }
        sorted &= count == 0 || times[count - 1] <= t;
        times[count++] = t;
    }

    void sort() {
        if (!sorted) {
            Arrays.sort(times, 0, count);
            sorted = true;
        }
    }

    /** How many samples fall within {@code [from, to)}. */
    int countIn(long from, long to) {
        return firstAtOrAfter(to) - firstAtOrAfter(from);
    }

    /** Forgets the samples before {@code t} (a live window moving on). */
    void dropBefore(long t) {
        sort();
        int kept = count - firstAtOrAfter(t);
        System.arraycopy(times, count - kept, times, 0, kept);
        count = kept;
    }

    long retainedBytes() {
        return 8L * times.length;
    }

    private int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(times, 0, count, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && times[i - 1] == t) {
            i--;
        }
        return i;
    }
}
