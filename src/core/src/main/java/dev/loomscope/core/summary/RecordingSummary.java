package dev.loomscope.core.summary;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headless digest of a timeline: how long, how many threads, and per thread group how the
 * group's time was spent, plus the threads still alive at the end and where they were last seen.
 * The same numbers the Threads view shows, so the model can be checked without a screen.
 *
 * @param info            the recording facts
 * @param virtualThreads  number of virtual-thread lanes
 * @param platformThreads number of platform-thread lanes
 * @param carriers        number of carrier lanes (platform threads seen mounting virtual threads)
 * @param parallelism     the virtual-thread scheduler's parallelism ({@link SchedulerStats#parallelism})
 * @param cpus            the machine's hardware threads, or 0 if the recording does not say
 * @param carrierBusy     the share of the carriers' combined lifetime spent with a thread mounted
 * @param groups          per group totals, in {@link LaneGroup#of} order
 * @param stragglers      threads alive at the end, grouped by group and last site, longest silent first
 */
public record RecordingSummary(RecordingInfo info, int virtualThreads, int platformThreads, int carriers,
                               int parallelism, int cpus, double carrierBusy, List<GroupTotals> groups, List<Stragglers> stragglers) {

    /**
     * @param nanosByState time per state, summed over the group's threads; adds up to {@code lifetimeNanos}
     */
    public record GroupTotals(String name, LaneGroup.Kind kind, int threads, int aliveAtEnd,
                              long lifetimeNanos, Map<ThreadState, Long> nanosByState) {
        public long nanos(ThreadState state) {
            return nanosByState.getOrDefault(state, 0L);
        }
    }

    /**
     * Threads of one group, alive at the end, whose last event was at the same site.
     *
     * @param lastSeenNanos the earliest last-seen time among them
     * @param site          {@code class.method(line)} of the last known stack, or "unknown"
     */
    public record Stragglers(String group, LaneGroup.Kind kind, List<String> threads, long lastSeenNanos, String site) {
    }

    public static RecordingSummary of(Timeline timeline) {
        int virtual = 0;
        for (Lane lane : timeline.lanes()) {
            if (lane.isVirtual()) {
                virtual++;
            }
        }
        List<GroupTotals> groups = new ArrayList<>();
        Map<String, StragglerSet> stragglers = new LinkedHashMap<>();
        Map<Integer, ThreadSnapshot> dumped = latestSnapshots(timeline);
        for (LaneGroup group : LaneGroup.of(timeline)) {
            groups.add(totals(timeline, group));
            collectStragglers(timeline, group, dumped, stragglers);
        }
        List<Stragglers> silentFirst = new ArrayList<>();
        stragglers.values().forEach(set -> silentFirst.add(set.toRecord()));
        silentFirst.sort((a, b) -> Long.compare(a.lastSeenNanos(), b.lastSeenNanos()));
        return new RecordingSummary(timeline.info(), virtual, timeline.laneCount() - virtual,
                timeline.carrierLanes().size(), SchedulerStats.parallelism(timeline), SchedulerStats.cpus(timeline), carrierBusy(timeline), groups,
                silentFirst);
    }

    private static GroupTotals totals(Timeline timeline, LaneGroup group) {
        long[] totals = new long[ThreadState.count()];
        long lifetime = 0;
        int alive = 0;
        for (int id : group.lanes()) {
            Lane lane = timeline.lane(id);
            lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
            lifetime += lane.lifeEnd() - lane.lifeStart();
            if (!lane.ended()) {
                alive++;
            }
        }
        Map<ThreadState, Long> byState = new LinkedHashMap<>();
        for (ThreadState s : ThreadState.values()) {
            if (totals[s.code()] > 0) {
                byState.put(s, totals[s.code()]);
            }
        }
        return new GroupTotals(group.name(), group.kind(), group.lanes().size(), alive, lifetime, byState);
    }

    /** Each lane's latest thread dump snapshot, if a dump saw it. */
    private static Map<Integer, ThreadSnapshot> latestSnapshots(Timeline timeline) {
        Map<Integer, ThreadSnapshot> latest = new HashMap<>();
        for (ThreadSnapshot s : timeline.snapshots()) {
            latest.merge(s.lane(), s, (a, b) -> a.time() >= b.time() ? a : b);
        }
        return latest;
    }

    private static void collectStragglers(Timeline timeline, LaneGroup group, Map<Integer, ThreadSnapshot> dumped,
                                          Map<String, StragglerSet> out) {
        for (int id : group.lanes()) {
            Lane lane = timeline.lane(id);
            if (lane.ended()) {
                continue;
            }
            // A dump after the last event knows the site better than the last event does.
            ThreadSnapshot snapshot = dumped.get(id);
            int stack = snapshot != null && snapshot.time() >= lane.lastSeen() ? snapshot.stack() : lane.lastStack();
            StackFrame site = timeline.stacks().site(stack);
            String where = site == null ? "unknown" : site.toString();
            out.computeIfAbsent(group.kind() + "|" + group.name() + "|" + where,
                    k -> new StragglerSet(group, where)).add(lane);
        }
    }

    /** Accumulates one {@link Stragglers} entry. */
    private static final class StragglerSet {
        private final LaneGroup group;
        private final String site;
        private final List<String> threads = new ArrayList<>();
        private long lastSeen = Long.MAX_VALUE;

        StragglerSet(LaneGroup group, String site) {
            this.group = group;
            this.site = site;
        }

        void add(Lane lane) {
            threads.add(lane.displayName());
            lastSeen = Math.min(lastSeen, lane.lastSeen());
        }

        Stragglers toRecord() {
            return new Stragglers(group.name(), group.kind(), List.copyOf(threads), lastSeen, site);
        }
    }

    private static double carrierBusy(Timeline timeline) {
        long busy = 0;
        long life = 0;
        for (Lane carrier : timeline.carrierLanes()) {
            life += carrier.lifeEnd() - carrier.lifeStart();
            for (int i = 0; i < carrier.spanCount(); i++) {
                busy += carrier.spanEnd(i) - carrier.spanStart(i);
            }
        }
        return life == 0 ? 0 : (double) busy / life;
    }

    /** The summary as the text {@code loomscope summary} prints. */
    public String render() {
        return new SummaryText(this).render();
    }
}
