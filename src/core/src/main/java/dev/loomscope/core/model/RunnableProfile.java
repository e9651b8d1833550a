package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * How many virtual threads waited for a carrier (RUNNABLE) at each instant, as a step function
 * built once per model version: the Carriers tab's runnable-queue chart then costs what is on
 * screen (a binary search per bucket edge) instead of a walk over every virtual thread's spans per
 * repaint, which a million threads would make take a tenth of a second.
 */
final class RunnableProfile {
    private final long version;
    /** The instants the count changes, ascending and distinct. */
    private final long[] times;
    /** The count from {@code times[k]} until {@code times[k + 1]}. */
    private final int[] counts;
    /** The count integrated from {@code times[0]} to {@code times[k]}, in thread-nanoseconds. */
    private final double[] integral;

    private RunnableProfile(long version, long[] times, int[] counts, double[] integral) {
        this.version = version;
        this.times = times;
        this.counts = counts;
        this.integral = integral;
    }

    long version() {
        return version;
    }

    /** The profile of {@code waits}, the RUNNABLE spans of model version {@code version}. */
    static RunnableProfile of(RunnableWaits waits, long version) {
        int n = 2 * waits.count();
        long[] edges = new long[n];
        for (int i = 0; i < waits.count(); i++) {
            edges[2 * i] = waits.start(i) << 1 | 1;                         // a start
            edges[2 * i + 1] = (waits.start(i) + waits.length(i)) << 1;     // an end sorts before a start at the same instant
        }
        Arrays.sort(edges, 0, n);
        long[] times = new long[n];
        int[] counts = new int[n];
        double[] integral = new double[n];
        int k = -1;
        int count = 0;
        for (int i = 0; i < n; i++) {
            long t = edges[i] >> 1;
            count += (edges[i] & 1) == 1 ? 1 : -1;
            if (k >= 0 && times[k] == t) {
                counts[k] = count;
                continue;
            }
            k++;
            times[k] = t;
            counts[k] = count;
            integral[k] = k == 0 ? 0 : integral[k - 1] + (double) counts[k - 1] * (t - times[k - 1]);
        }
        int distinct = k + 1;
        return new RunnableProfile(version, Arrays.copyOf(times, distinct), Arrays.copyOf(counts, distinct),
                Arrays.copyOf(integral, distinct));
    }

    /** Per bucket of {@code [from, to)}, the mean count over the bucket. */
    double[] buckets(long from, long to, int buckets) {
        double[] mean = new double[buckets];
        double width = (double) (to - from) / buckets;
        double previous = integralTo(from);
        for (int b = 0; b < buckets; b++) {
            double next = integralTo(b == buckets - 1 ? to : from + (b + 1) * width);
            mean[b] = (next - previous) / width;
            previous = next;
        }
        return mean;
    }

    /** The count integrated from the first change to {@code t}. */
    private double integralTo(double t) {
        int i = Arrays.binarySearch(times, (long) Math.floor(t));
        int k = i >= 0 ? i : -i - 2;
        if (k < 0) {
            return 0;
        }
        return integral[k] + counts[k] * (t - times[k]);
    }
}
