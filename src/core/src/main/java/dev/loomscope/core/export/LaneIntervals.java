package dev.loomscope.core.export;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;

import java.util.ArrayList;
import java.util.List;

/**
 * A lane as exports write it: its spans and, between them, its gaps (inferred) in the lane's gap
 * state, or UNKNOWN in the tail of a thread alive at the end, all cut to a scope. For a thread lane
 * they cover the part of the lifetime in scope, as the Threads view draws it; a carrier lane's gaps
 * are idle time and are left out.
 */
final class LaneIntervals {
    /** @param stack the span's stack id, or -1; @param link {@link Lane#spanLink}, or -1 for gaps */
    record Interval(long start, long end, ThreadState state, boolean inferred, int stack, int link) {
    }

    private LaneIntervals() {
    }

    static List<Interval> of(Lane lane, ExportScope scope) {
        long from = Math.max(scope.from(), lane.lifeStart());
        long to = Math.min(scope.to(), lane.lifeEnd());
        List<Interval> out = new ArrayList<>();
        long at = from;
        for (int i = lane.firstSpanEndingAfter(from); i < lane.spanCount() && lane.spanStart(i) < to; i++) {
            long start = Math.max(from, lane.spanStart(i));
            long end = Math.min(to, lane.spanEnd(i));
            gap(lane, at, start, out);
            if (end > start) {
                out.add(new Interval(start, end, lane.spanState(i), lane.spanInferred(i), lane.spanStack(i),
                        lane.spanLink(i)));
            }
            at = Math.max(at, end);
        }
        gap(lane, at, to, out);
        return out;
    }

    private static void gap(Lane lane, long from, long to, List<Interval> out) {
        if (lane.gapState() == null || to <= from) {
            return;
        }
        long tail = lane.tailStart();
        if (tail > from) {
            out.add(new Interval(from, Math.min(to, tail), lane.gapState(), true, -1, -1));
        }
        if (to > tail) {
            out.add(new Interval(Math.max(from, tail), to, ThreadState.UNKNOWN, true, -1, -1));
        }
    }
}
