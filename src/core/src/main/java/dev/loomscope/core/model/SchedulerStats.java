package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.Arrays;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The scheduler's numbers over a time range: how long virtual threads waited for a carrier, how
 * busy the carriers were, how many threads were waiting to run. RUNNABLE spans exist only with the
 * agent (tier 1); carrier spans exist in both tiers.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SchedulerStats {
    private SchedulerStats() {
    }

    /** The scheduler's parallelism and where the number comes from, for labels. */
    public record Parallelism(int value, String source) {
    }

    /**
     * The scheduler's parallelism (its number of "P"s): the recorded
     * {@code jdk.virtualThreadScheduler.parallelism} (set on the command line), else the number of
     * carriers seen (the pool starts carriers as work needs them, up to its parallelism; more than
     * the hardware threads are compensation workers, so the count is capped there when known), else
     * the hardware threads (the default; {@code jdk.CPUInformation} counts the host's, which can be
     * far more than the JVM may use, so it comes last), else 1.
     */
    public static Parallelism parallelismOf(Timeline timeline) {
        int property = fact(timeline, "jdk.virtualThreadScheduler.parallelism");
        if (property > 0) {
            return new Parallelism(property, "jdk.virtualThreadScheduler.parallelism");
        }
        int carriers = timeline.carrierLanes().size();
        int cpus = fact(timeline, "cpus");
        if (carriers > 0) {
            return cpus > 0 && carriers > cpus
                    ? new Parallelism(cpus, "carriers seen, at most the hardware threads")
                    : new Parallelism(carriers, "carriers seen");
        }
        if (cpus > 0) {
            return new Parallelism(cpus, "hardware threads");
        }
        return new Parallelism(1, "not recorded");
    }

    /** The machine's hardware threads as the recording gives them ({@code jdk.CPUInformation}), or 0. */
    public static int cpus(Timeline timeline) {
        return fact(timeline, "cpus");
    }

    /** {@link #parallelismOf}'s number. */
    public static int parallelism(Timeline timeline) {
        return parallelismOf(timeline).value();
    }

    /**
     * The index of the first carrier lane that is surely a compensation worker (the pool added it
     * while others were pinned or blocked): the recorded parallelism, else the hardware threads;
     * {@link Integer#MAX_VALUE} when neither is known (the carriers seen are no bound on
     * themselves).
     */
    public static int compensationFrom(Timeline timeline) {
        int property = fact(timeline, "jdk.virtualThreadScheduler.parallelism");
        int cpus = fact(timeline, "cpus");
        return property > 0 ? property : cpus > 0 ? cpus : Integer.MAX_VALUE;
    }

    /** A positive integer fact, or 0. */
    private static int fact(Timeline timeline, String key) {
        try {
            return Math.max(0, Integer.parseInt(timeline.facts().getOrDefault(key, "")));
        } catch (NumberFormatException e) {
            return 0; // not recorded this way
        }
    }

    /**
     * The lengths of the RUNNABLE spans (submit to mount) that began in {@code [from, to)}, sorted;
     * shared with later calls, so not to be changed. Costs the waits in range, not the recording.
     */
    public static long[] runnableWaits(Timeline timeline, long from, long to) {
        return waits(timeline).sortedIn(from, to);
    }

    /** The timeline's RUNNABLE spans, indexed once per model version. */
    private static RunnableWaits waits(Timeline timeline) {
        RunnableWaits waits = timeline.runnableWaits;
        if (waits == null || waits.version() != timeline.version()) {
            waits = RunnableWaits.of(timeline);
            timeline.runnableWaits = waits;
        }
        return waits;
    }

    /** The {@code p}-th percentile (0 to 100) of sorted values, nearest rank; 0 for none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * Per bucket of {@code [from, to)}, the mean number of carriers with a thread mounted: a count
     * of carriers (0 to the number of carrier lanes), not a percentage.
     */
    public static double[] busyCarriers(Timeline timeline, long from, long to, int buckets) {
        double[] load = new double[buckets];
        for (Lane carrier : timeline.carrierLanes()) {
            accumulate(carrier, from, to, load);
        }
        return load;
    }

    /** Per bucket of {@code [from, to)}, the mean number of virtual threads waiting for a carrier. */
    public static double[] runnableThreads(Timeline timeline, long from, long to, int buckets) {
        RunnableProfile profile = timeline.runnableProfile;
        if (profile == null || profile.version() != timeline.version()) {
            profile = RunnableProfile.of(waits(timeline), timeline.version());
            timeline.runnableProfile = profile;
        }
        return profile.buckets(from, to, buckets);
    }

    /** Adds each span's share of every bucket it covers. */
    private static void accumulate(Lane lane, long from, long to, double[] buckets) {
        double width = (double) (to - from) / buckets.length;
        for (int i = lane.firstSpanEndingAfter(from); i < lane.spanCount() && lane.spanStart(i) < to; i++) {
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
