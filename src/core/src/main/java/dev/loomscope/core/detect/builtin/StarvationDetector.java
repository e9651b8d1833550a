package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.Timeline;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carrier starvation: virtual threads kept waiting for a carrier (the victims, with how late they
 * ran), and why: virtual threads that held the carriers without a break (CPU-bound work on
 * virtual threads), or, when nobody did, a scheduler with far more runnable threads than
 * carriers (an overload).
 *
 * <p>The victims' waits are RUNNABLE spans: exact with the agent, inferred from sleeps that
 * returned late without it. The holders are exact where a carrier span names its thread (the
 * agent); otherwise they are virtual threads that execution samples caught on a CPU, with no event
 * of their own, while the victims waited ({@link Holders}).
 */
public final class StarvationDetector implements Detector {
    static final Threshold HOLD = new Threshold("starvation.holdMs", "A carrier held, or a wait for one, longer than (ms)", 20, "ms");
    static final Threshold MIN_TOTAL = new Threshold("starvation.minTotalMs", "Report when such waits or holds add up to (ms)", 100, "ms");
    /** Runnable threads per carrier, at the worst instant, that make a scheduler overloaded. */
    private static final int OVERLOAD_PER_CARRIER = 4;

    @Override
    public Info info() {
        return new Info("starvation", "Carrier starvation", "Virtual threads that waited longer than the threshold "
                + "for a carrier, adding up to enough to matter, and who held the carriers meanwhile (or that the "
                + "scheduler was overloaded). A single long hold at start-up is left out by the total.",
                List.of(HOLD, MIN_TOTAL));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        long hold = context.nanos(HOLD);
        Victims victims = Victims.of(timeline, hold);
        PinnedSpans pinned = PinnedSpans.of(timeline);
        Holders holders = Holders.of(timeline, hold, victims, pinned);
        long minTotal = context.nanos(MIN_TOTAL);
        if (victims.total() < minTotal && holders.heldTotal() < minTotal
                // Waits mostly in pinned time: the carriers were held by pinning, which the pinning
                // detector reports with this wait as its impact.
                || victims.lateCoverage() > 0 && pinned.within(victims.from(), victims.to()) * 2 >= victims.lateCoverage()) {
            return List.of();
        }
        int parallelism = SchedulerStats.parallelism(timeline);
        // Far more threads waiting than carriers is an overload, unless the agent saw someone hold a
        // carrier. Execution samples cannot tell a culprit there: in a swamped scheduler every thread
        // runs now and then, and without park events (the JDK's settings) a thread sampled twice
        // may have parked in between; naming it would blame whoever the sampler happened to catch.
        boolean overloaded = victims.mostAtOnce() > OVERLOAD_PER_CARRIER * parallelism
                && (holders.lanes().isEmpty() || !holders.exact());
        return List.of(finding(timeline, victims, holders, overloaded, parallelism));
    }

    /**
     * By impact: how late the victims ran. A few waits of tens of milliseconds (a JIT warming up
     * on a small machine) are low; a second's wait, or a quarter of all carrier time lost, is high.
     */
    private static Severity severity(Victims victims, Holders holders, long carrierTime, int parallelism) {
        if (victims.longest() >= 1_000_000_000L || victims.total() * 4 >= carrierTime || holders.heldTotal() * 4 >= carrierTime) {
            return Severity.HIGH;
        }
        // Sustained: someone was late through a tenth of the recording (a start-up burst is not).
        boolean felt = victims.longest() >= 200_000_000L || victims.lateCoverage() * 10 >= carrierTime / Math.max(1, parallelism);
        return felt || holders.heldTotal() >= 1_000_000_000L || victims.total() == 0 && !holders.lanes().isEmpty()
                ? Severity.MEDIUM : Severity.LOW;
    }

    /** Whether the carriers' runs say which thread ran (the agent's runs or scheduling events). */
    private static boolean runsNamed(Timeline timeline) {
        for (Lane carrier : timeline.carrierLanes()) {
            for (int i = 0; i < Math.min(carrier.spanCount(), 64); i++) {
                if (carrier.spanLink(i) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Finding finding(Timeline timeline, Victims victims, Holders holders, boolean overloaded,
                                   int parallelism) {
        String suffered = victims.lanes().length == 0 ? "Other virtual threads had fewer carriers meanwhile."
                : String.format("%s waited for a carrier %s in all, the longest wait %s (%s).",
                        Findings.whoVirtual(timeline, victims.lanes()), Findings.seconds(victims.total()),
                        Findings.seconds(victims.longest()), victims.longestLane().displayName());
        String cause;
        if (!holders.lanes().isEmpty() && !overloaded) {
            cause = String.format(" Meanwhile %s held the carriers without a break%s. CPU-bound work does not belong on "
                            + "virtual threads: run it on a platform thread pool, or split it.", Findings.who(holders.lanes()),
                    holders.heldTotal() > 0 ? String.format(" (%d holds over %s, %s in all)", holders.holds(),
                            Findings.seconds(holders.hold()), Findings.seconds(holders.heldTotal())) : "");
        } else if (overloaded) {
            cause = String.format(" The scheduler was overloaded: up to %,d virtual threads waiting at once for %d "
                            + "carriers, and no thread is known to have held one for long. Bound the concurrency (a "
                            + "Semaphore around the work), or spread it over time.", victims.mostAtOnce(), parallelism);
        } else if (runsNamed(timeline)) {
            cause = " The recording names every thread each carrier ran, and none held one for long: the carriers "
                    + "were busy with many short runs.";
        } else {
            cause = " Which threads held the carriers is not in the recording (record with --agent-full, or with "
                    + "execution samples, to name them).";
        }
        long carrierTime = Math.max(1, timeline.durationNanos()) * parallelism;
        Severity severity = severity(victims, holders, carrierTime, parallelism);
        // By lane id, not List.contains (quadratic in a million victims) nor an identity set (it
        // would give each lane an identity hash: a VM call per lane, 45 ms for 700,000).
        List<Lane> culprits = overloaded ? List.of() : holders.lanes();
        BitSet holding = new BitSet();
        culprits.forEach(l -> holding.set(l.id()));
        int[] involved = new int[culprits.size() + victims.lanes().length];
        int n = 0;
        for (Lane culprit : culprits) {
            involved[n++] = culprit.id();
        }
        for (int victim : victims.lanes()) {
            if (!holding.get(victim)) {
                involved[n++] = victim;
            }
        }
        involved = Arrays.copyOf(involved, n);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("victims", victims.lanes().length);
        details.put("waitedNanos", victims.total());
        details.put("longestWaitNanos", victims.longest());
        details.put("holders", Findings.names(culprits));
        details.put("heldNanos", holders.heldTotal());
        details.put("mostRunnableAtOnce", victims.mostAtOnce());
        details.put("cause", overloaded ? "overloaded scheduler" : holders.lanes().isEmpty() ? "unknown" : "carriers held");
        details.put("evidence", holders.exact() ? "the agent's mount, unmount and submit events (exact)"
                : "late sleeps (jdk.ThreadSleep: time asked vs duration) and execution samples; with --agent-full every "
                        + "wait and hold would be exact");
        long start = Math.min(victims.first(), holders.first());
        long end = Math.max(victims.last(), holders.last());
        return new Finding("starvation", severity, suffered + cause, start, end, Findings.ids(involved),
                Findings.names(timeline, involved), "", details, "starvation");
    }
}
