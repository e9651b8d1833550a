package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The scheduler's numbers over a time range: how long virtual threads waited for a carrier, how
 * busy the carriers were, how many threads were waiting to run. RUNNABLE spans exist only with the
 * agent (tier 1); carrier spans exist in both tiers.
 */
public final class SchedulerStats {
    private SchedulerStats() {
    }

    /**
     * The scheduler's parallelism (its number of "P"s): the recorded
     * {@code jdk.virtualThreadScheduler.parallelism}, else the hardware threads (its default), else
     * the number of carriers seen.
     */
    public static int parallelism(Timeline timeline) {
        for (String key : new String[] {"jdk.virtualThreadScheduler.parallelism", "cpus"}) {
            try {
                int value = Integer.parseInt(timeline.facts().getOrDefault(key, ""));
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // not recorded this way; try the next source
            }
        }
        return Math.max(1, timeline.carrierLanes().size());
    }

    /** The lengths of the RUNNABLE spans (submit to mount) that began in {@code [from, to)}, sorted. */
    public static long[] runnableWaits(Timeline timeline, long from, long to) {
        long[] waits = new long[64];
        int n = 0;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = lane.firstSpanEndingAfter(from); i < lane.spanCount() && lane.spanStart(i) < to; i++) {
                if (lane.spanState(i) == ThreadState.RUNNABLE && lane.spanStart(i) >= from) {
                    if (n == waits.length) {
                        waits = Arrays.copyOf(waits, n * 2);
                    }
                    waits[n++] = lane.spanEnd(i) - lane.spanStart(i);
                }
            }
        }
        long[] sorted = Arrays.copyOf(waits, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The {@code p}-th percentile (0 to 100) of sorted values, nearest rank; 0 for none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Per bucket of {@code [from, to)}, the mean number of carriers with a thread mounted. */
    public static double[] busyCarriers(Timeline timeline, long from, long to, int buckets) {
        double[] load = new double[buckets];
        for (Lane carrier : timeline.carrierLanes()) {
            accumulate(carrier, null, from, to, load);
        }
        return load;
    }

    /** Per bucket of {@code [from, to)}, the mean number of virtual threads waiting for a carrier. */
    public static double[] runnableThreads(Timeline timeline, long from, long to, int buckets) {
        double[] depth = new double[buckets];
        for (Lane lane : timeline.lanes()) {
            if (lane.isVirtual()) {
                accumulate(lane, ThreadState.RUNNABLE, from, to, depth);
            }
        }
        return depth;
    }

    /** Adds each span's (of {@code state}, or any if null) share of every bucket it covers. */
    private static void accumulate(Lane lane, ThreadState state, long from, long to, double[] buckets) {
        double width = (double) (to - from) / buckets.length;
        for (int i = lane.firstSpanEndingAfter(from); i < lane.spanCount() && lane.spanStart(i) < to; i++) {
            if (state != null && lane.spanState(i) != state) {
                continue;
            }
            long s = Math.max(from, lane.spanStart(i));
            long e = Math.min(to, lane.spanEnd(i));
            int first = (int) Math.min(buckets.length - 1, (s - from) / width);
            int last = (int) Math.min(buckets.length - 1, (e - from) / width);
            for (int b = first; b <= last; b++) {
                double bucketStart = from + b * width;
                double overlap = Math.min(e, bucketStart + width) - Math.max(s, bucketStart);
                if (overlap > 0) {
                    buckets[b] += overlap / width;
                }
            }
        }
    }
}
