package dev.loomscope.core.model;

/** Walks over a lane's spans and gaps that answer questions about a stretch of its life. */
final class LaneScans {
    private LaneScans() {
    }

    /** See {@link Lane#stuckSince()}. */
    static long stuckSince(Lane lane) {
        long lifeStart = lane.lifeStart();
        long cursor = lane.lifeEnd();
        long tail = lane.tailStart();
        boolean hasGapState = lane.gapState() != null;
        int i = lane.spanCount() - 1;
        while (cursor > lifeStart) {
            if (i >= 0 && lane.spanEnd(i) >= cursor) {
                ThreadState state = lane.spanState(i);
                if (!state.isBlocked() && state != ThreadState.UNKNOWN) {
                    return cursor;
                }
                cursor = lane.spanStart(i);
                i--;
            } else {
                long gapStart = i >= 0 ? lane.spanEnd(i) : lifeStart;
                if (!hasGapState || cursor <= tail) {
                    return cursor; // a gap before the tail: the gap state, doing something
                }
                if (gapStart < tail) {
                    return tail;
                }
                cursor = gapStart;
            }
        }
        return lifeStart;
    }

    /** See {@link Lane#longestSpanIn}. */
    static int longestSpanIn(Lane lane, long from, long to) {
        int best = -1;
        long bestLength = 0;
        int first = lane.firstSpanEndingAfter(from);
        int last = Math.min(lane.firstSpanStartingAtOrAfter(to), first + 10_000);
        for (int i = first; i < last; i++) {
            long length = Math.min(to, lane.spanEnd(i)) - Math.max(from, lane.spanStart(i));
            if (length > bestLength) {
                bestLength = length;
                best = i;
            }
        }
        return best;
    }

    /** See {@link Lane#addStateTotals}. */
    static void addStateTotals(Lane lane, long from, long to, long[] totals) {
        long lo = Math.max(from, lane.lifeStart());
        long hi = Math.min(to, lane.lifeEnd());
        if (lo >= hi) {
            return;
        }
        long tail = Math.max(lo, Math.min(hi, lane.tailStart()));
        long coveredBeforeTail = 0;
        long coveredInTail = 0;
        int count = lane.spanCount();
        for (int i = lane.firstSpanEndingAfter(lo); i < count && lane.spanStart(i) < hi; i++) {
            long s = Math.max(lo, lane.spanStart(i));
            long e = Math.min(hi, lane.spanEnd(i));
            totals[lane.spanStateBits(i) & 0x7f] += e - s;
            coveredBeforeTail += Math.max(0, Math.min(e, tail) - s);
            coveredInTail += Math.max(0, e - Math.max(s, tail));
        }
        ThreadState gap = lane.gapState();
        if (gap != null) {
            totals[gap.code()] += (tail - lo) - coveredBeforeTail;
            totals[ThreadState.UNKNOWN.code()] += (hi - tail) - coveredInTail;
        }
    }
}
