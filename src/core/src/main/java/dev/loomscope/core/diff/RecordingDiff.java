package dev.loomscope.core.diff;

import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.summary.RecordingSummary;
import dev.loomscope.core.waits.WaitSites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two recordings compared, before and after: per thread group the time in each state, the
 * scheduler's latency (a virtual thread's wait for a carrier), the queue waits per site, the failed
 * futures, and the findings that are new, gone, or changed in severity. Groups, sites and findings
 * are matched by name, not by thread id, so two runs of one program line up.
 *
 * @param groups   per thread group present in either, its totals before and after
 * @param latency  the scheduler's latency percentiles before and after
 * @param queues   per queue-wait site present in either, before and after
 * @param failures failed futures by exception class, before and after (the agent's; empty without it)
 * @param findings the findings, matched
 */
public record RecordingDiff(List<Group> groups, Latency latency, List<QueueSite> queues,
                            Map<String, long[]> failures, Findings findings) {

    /** A thread group on both sides; a side without it has zero threads. */
    public record Group(String name, LaneGroup.Kind kind, int threadsBefore, int threadsAfter,
                        Map<ThreadState, long[]> nanos) {
    }

    /** Nanoseconds virtual threads waited for a carrier: p50, p90, p99 before and after. */
    public record Latency(long[] before, long[] after) {
        public static final double[] PERCENTILES = {50, 90, 99};
    }

    /** A place threads waited on a queue: waits and their summed nanoseconds, before and after. */
    public record QueueSite(ThreadState state, String site, int countBefore, int countAfter, long nanosBefore,
                            long nanosAfter) {
    }

    /** A finding that exists only after, only before, or on both sides with another severity. */
    public record Findings(List<Finding> added, List<Finding> gone, List<Finding[]> changed) {
        /** Whether something new, or something that grew more severe, reaches {@code gate}. */
        public boolean reaches(Severity gate) {
            return added.stream().anyMatch(f -> f.severity().compareTo(gate) >= 0)
                    || changed.stream().anyMatch(c -> c[1].severity().compareTo(gate) >= 0
                    && c[1].severity().compareTo(c[0].severity()) > 0);
        }
    }

    /** Compares {@code before} with {@code after}, each with the findings of its analysis. */
    public static RecordingDiff of(Timeline before, List<Finding> beforeFindings, Timeline after,
                                   List<Finding> afterFindings) {
        return new RecordingDiff(groups(RecordingSummary.of(before), RecordingSummary.of(after)),
                new Latency(latency(before), latency(after)), queues(before, after),
                failures(before.futures(), after.futures()), FindingMatch.of(beforeFindings, afterFindings));
    }

    private static List<Group> groups(RecordingSummary before, RecordingSummary after) {
        Map<String, RecordingSummary.GroupTotals[]> byName = new LinkedHashMap<>();
        before.groups().forEach(g -> byName.computeIfAbsent(key(g), k -> new RecordingSummary.GroupTotals[2])[0] = g);
        after.groups().forEach(g -> byName.computeIfAbsent(key(g), k -> new RecordingSummary.GroupTotals[2])[1] = g);
        List<Group> groups = new ArrayList<>();
        for (RecordingSummary.GroupTotals[] pair : byName.values()) {
            RecordingSummary.GroupTotals any = pair[0] != null ? pair[0] : pair[1];
            Map<ThreadState, long[]> nanos = new LinkedHashMap<>();
            for (ThreadState state : ThreadState.values()) {
                long b = pair[0] == null ? 0 : pair[0].nanos(state);
                long a = pair[1] == null ? 0 : pair[1].nanos(state);
                if (a != 0 || b != 0) {
                    nanos.put(state, new long[] {b, a});
                }
            }
            groups.add(new Group(any.name(), any.kind(), pair[0] == null ? 0 : pair[0].threads(),
                    pair[1] == null ? 0 : pair[1].threads(), nanos));
        }
        return groups;
    }

    private static String key(RecordingSummary.GroupTotals g) {
        return g.kind().label() + ": " + g.name();
    }

    private static long[] latency(Timeline timeline) {
        long[] waits = SchedulerStats.runnableWaits(timeline, 0, Math.max(1, timeline.durationNanos()));
        long[] p = new long[Latency.PERCENTILES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = SchedulerStats.percentile(waits, Latency.PERCENTILES[i]);
        }
        return p;
    }

    private static List<QueueSite> queues(Timeline before, Timeline after) {
        List<ThreadState> states = List.of(ThreadState.BLOCKED_SEND, ThreadState.BLOCKED_RECV);
        Map<String, WaitSites.Site[]> byKey = new LinkedHashMap<>();
        WaitSites.of(before, states).forEach(s -> byKey.computeIfAbsent(s.state() + " " + s.site(),
                k -> new WaitSites.Site[2])[0] = s);
        WaitSites.of(after, states).forEach(s -> byKey.computeIfAbsent(s.state() + " " + s.site(),
                k -> new WaitSites.Site[2])[1] = s);
        List<QueueSite> sites = new ArrayList<>();
        for (WaitSites.Site[] pair : byKey.values()) {
            WaitSites.Site any = pair[0] != null ? pair[0] : pair[1];
            sites.add(new QueueSite(any.state(), any.site(), pair[0] == null ? 0 : pair[0].count(),
                    pair[1] == null ? 0 : pair[1].count(), pair[0] == null ? 0 : pair[0].totalNanos(),
                    pair[1] == null ? 0 : pair[1].totalNanos()));
        }
        return sites;
    }

    private static Map<String, long[]> failures(FutureGraph before, FutureGraph after) {
        Map<String, long[]> byClass = new java.util.TreeMap<>();
        count(before, byClass, 0);
        count(after, byClass, 1);
        return byClass;
    }

    private static void count(FutureGraph futures, Map<String, long[]> byClass, int side) {
        for (int f = 0; f < futures.size(); f++) {
            String exception = futures.exception(f);
            if (exception != null) {
                byClass.computeIfAbsent(exception, k -> new long[2])[side]++;
            }
        }
    }

    /** The thread-group names a finding is about, for matching across runs. */
    static String groupsOf(Finding finding) {
        return String.join(",", new TreeSet<>(finding.threads().stream().map(LaneGroup::patternOf).toList()));
    }
}
