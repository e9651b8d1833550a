package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.Timeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the thread dumps at the end of a recording say: the only record of platform threads blocked
 * for good (JFR writes a park, a monitor enter or a method trace when the call returns).
 * Loomscope's settings take a dump at every chunk end, the last just before the recording closes.
 *
 * @param byLane each lane's latest snapshot within {@link #NEAR_END_NANOS} of the end
 * @param held   the monitors and locks some thread held then
 */
record EndSnapshots(Map<Integer, ThreadSnapshot> byLane, Set<String> held) {
    /** How close to the end a dump is "at the end": the chunk-end dump comes just before the recording closes. */
    static final long NEAR_END_NANOS = 500_000_000L;

    /** Found once per analysis: the leak, never-completed and stall rules all ask. */
    static EndSnapshots of(DetectionContext context) {
        return context.shared("endSnapshots", () -> of(context.timeline()));
    }

    private static EndSnapshots of(Timeline timeline) {
        Map<Integer, ThreadSnapshot> byLane = new HashMap<>();
        Set<String> held = new HashSet<>();
        long end = timeline.durationNanos();
        for (ThreadSnapshot s : timeline.snapshots()) {
            if (s.time() >= end - NEAR_END_NANOS) {
                byLane.merge(s.lane(), s, (a, b) -> a.time() >= b.time() ? a : b);
                held.addAll(s.owns());
            }
        }
        return new EndSnapshots(byLane, held);
    }

    /**
     * Since when a thread a dump at {@code t} found waiting has been silent or blocked: its last
     * evidence before {@code t}, or the start of the blocked spans it ended in, if earlier (a wait
     * the agent saw in progress at a chunk end is a span to there, but began long before).
     */
    static long waitingSince(Lane lane, long t) {
        return Math.min(lastEventBefore(lane, t), lane.stuckSince());
    }

    /** The time of the lane's last evidence before {@code t} (a dump's instant): the dump is none. */
    static long lastEventBefore(Lane lane, long t) {
        int i = lane.firstSpanEndingAfter(t) - 1;
        long lastSpanEnd = i >= 0 ? lane.spanEnd(i) : Long.MIN_VALUE;
        long seen = lane.lastSeen() < t ? lane.lastSeen() : lane.lifeStart();
        return Math.max(lastSpanEnd, seen);
    }
}
