package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The virtual threads that held carriers without a break, longest-held first.
 *
 * <p>From carrier lanes when the recording has them: a busy interval longer than the threshold
 * (not mostly pinned: that is pinning) is a hold, and its thread is named by the agent, or else
 * is the one virtual thread that ran through it with no event. From execution samples otherwise:
 * a virtual thread caught on a CPU at least twice while victims waited, each time with no event
 * of its own around (no span: it neither blocked nor slept), held a carrier then.
 *
 * @param lanes     the holders
 * @param holds     how many carrier holds over the threshold (0 without carrier lanes)
 * @param hold      the threshold
 * @param heldTotal those holds added up
 * @param exact     true if the agent named the holders
 * @param first     the earliest hold or sample counted
 * @param last      the latest
 */
record Holders(List<Lane> lanes, int holds, long hold, long heldTotal, boolean exact, long first, long last) {
    private static final int MIN_SAMPLES = 2;

    static Holders of(Timeline timeline, long hold, Victims victims, PinnedSpans pinned) {
        Map<Lane, Long> weight = new HashMap<>();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        CarrierHolds carrierHolds = CarrierHolds.of(timeline, hold, pinned);
        carrierHolds.heldBy().forEach((lane, nanos) -> weight.merge(lane, nanos, Long::sum));
        range[0] = carrierHolds.first();
        range[1] = carrierHolds.last();
        if (victims.from().length > 0) {
            sampled(timeline, victims, weight, range);
        }
        List<Lane> lanes = new ArrayList<>(weight.keySet());
        lanes.sort(Comparator.comparing((Lane l) -> weight.get(l)).reversed());
        return new Holders(lanes, carrierHolds.count(), hold, carrierHolds.total(), carrierHolds.exact(), range[0], range[1]);
    }

    /** Adds the virtual threads sampled running, with no event, while victims waited; weighted by samples. */
    private static void sampled(Timeline timeline, Victims victims, Map<Lane, Long> weight, long[] range) {
        long[] from = victims.from();
        long[] to = victims.to();
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual() || lane.samplesIn(from[0], to[to.length - 1]) < MIN_SAMPLES) {
                continue;
            }
            int silent = 0;
            for (int k = 0; k < from.length; k++) {
                if (lane.samplesIn(from[k], to[k]) > 0 && ranSilently(lane, from[k], to[k])) {
                    silent += lane.samplesIn(from[k], to[k]);
                    range[0] = Math.min(range[0], from[k]);
                    range[1] = Math.max(range[1], to[k]);
                }
            }
            if (silent >= MIN_SAMPLES) {
                weight.merge(lane, (long) silent, Long::sum);
            }
        }
    }

    /** True if the lane has no span (no block, no sleep, no wait for a carrier) inside {@code [from, to)}. */
    private static boolean ranSilently(Lane lane, long from, long to) {
        int i = lane.firstSpanEndingAfter(from);
        for (; i < lane.spanCount() && lane.spanStart(i) < to; i++) {
            ThreadState state = lane.spanState(i);
            if (!state.mayRun()) {
                return false;
            }
        }
        return lane.lifeStart() < to && lane.lifeEnd() > from;
    }
}
