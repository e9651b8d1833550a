package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carrier busy intervals longer than a threshold (a virtual thread kept its carrier without
 * unmounting), and who held them: the virtual thread the carrier span names (the agent), or the
 * ones that ran with no event all through it when there are no more of them than carriers.
 * Intervals mostly spent pinned are left out: they are pinning, not CPU-bound work.
 */
record CarrierHolds(Map<Lane, Long> heldBy, int count, long total, boolean exact, long first, long last) {

    static CarrierHolds of(Timeline timeline, long hold, PinnedSpans pinned) {
        Map<Lane, Long> heldBy = new HashMap<>();
        List<long[]> silent = null;             // a walk of every virtual thread: only when a hold names no thread
        int count = 0;
        long total = 0;
        boolean exact = false;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Lane carrier : timeline.carrierLanes()) {
            for (int i = 0; i < carrier.spanCount(); i++) {
                long s = carrier.spanStart(i);
                long e = carrier.spanEnd(i);
                if (e - s <= hold || pinned.oneCoversHalf(s, e)) {
                    continue;
                }
                count++;
                total += e - s;
                first = Math.min(first, s);
                last = Math.max(last, e);
                int link = carrier.spanLink(i);
                exact |= link >= 0;
                if (link < 0 && silent == null) {
                    silent = silentRunning(timeline, hold);
                }
                List<Lane> who = link >= 0 ? List.of(timeline.lane(link))
                        : ranThrough(timeline, silent, s, e, timeline.carrierLanes().size());
                who.forEach(lane -> heldBy.merge(lane, e - s, Long::sum));
            }
        }
        return new CarrierHolds(heldBy, count, total, exact, first, last);
    }

    /** Every stretch longer than {@code hold} in which a virtual thread had no span, before its unknown tail: {lane, start, end}. */
    private static List<long[]> silentRunning(Timeline timeline, long hold) {
        List<long[]> stretches = new ArrayList<>();
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            long tail = lane.tailStart();
            long cursor = lane.lifeStart();
            for (int i = 0; i <= lane.spanCount() && cursor < tail; i++) {
                long next = i < lane.spanCount() ? Math.min(lane.spanStart(i), tail) : tail;
                if (next - cursor > hold) {
                    stretches.add(new long[] {lane.id(), cursor, next});
                }
                if (i < lane.spanCount()) {
                    cursor = Math.max(cursor, lane.spanEnd(i));
                }
            }
        }
        return stretches;
    }

    /**
     * The virtual threads that ran with no event all through {@code [s, e)}, if there are no more
     * of them than carriers (then one of them held it); otherwise none can be named.
     */
    private static List<Lane> ranThrough(Timeline timeline, List<long[]> silent, long s, long e, int carriers) {
        List<Lane> found = new ArrayList<>();
        for (long[] stretch : silent) {
            if (stretch[1] <= s && stretch[2] >= e) {
                found.add(timeline.lane((int) stretch[0]));
                if (found.size() > carriers) {
                    return List.of();
                }
            }
        }
        return found;
    }
}
