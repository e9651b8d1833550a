package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carrier starvation: virtual threads that keep a carrier for long stretches without unmounting
 * (CPU-bound work on virtual threads), during which every other virtual thread on the scheduler
 * waits for fewer carriers. Which thread held the carrier is exact when the carrier span names it
 * (the agent); otherwise it is the virtual thread whose lane shows it running, with no event, all
 * through those stretches.
 */
public final class StarvationDetector implements Detector {
    static final Threshold HOLD = new Threshold("starvation.holdMs", "A carrier held without a break longer than (ms)", 20, "ms");
    static final Threshold MIN_TOTAL = new Threshold("starvation.minTotalMs", "Report when such holds add up to (ms)", 100, "ms");

    @Override
    public Info info() {
        return new Info("starvation", "Carrier starvation", "Carriers held by one virtual thread for longer than "
                + "the threshold without unmounting, adding up to enough to matter. A single long hold at start-up "
                + "(class loading, compilation) is left out by the total.", List.of(HOLD, MIN_TOTAL));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        long hold = context.nanos(HOLD);
        List<Lane> carriers = new ArrayList<>();
        Map<Lane, Long> heldBy = new HashMap<>();
        List<Stretch> running = silentRunning(timeline, hold);
        List<Stretch> pinned = pinned(timeline);
        long total = 0;
        long longest = 0;
        int count = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (Lane carrier : timeline.carrierLanes()) {
            boolean used = false;
            for (int i = 0; i < carrier.spanCount(); i++) {
                long s = carrier.spanStart(i);
                long e = carrier.spanEnd(i);
                if (e - s <= hold || mostlyPinned(pinned, s, e)) {
                    continue; // a pinned carrier is the pinning detector's finding, not CPU-bound work
                }
                used = true;
                count++;
                total += e - s;
                longest = Math.max(longest, e - s);
                first = Math.min(first, s);
                last = Math.max(last, e);
                List<Lane> candidates = carrier.spanLink(i) >= 0 ? List.of(timeline.lane(carrier.spanLink(i)))
                        : holders(timeline, running, s, e, timeline.carrierLanes().size());
                candidates.forEach(holder -> heldBy.merge(holder, e - s, Long::sum));
            }
            if (used) {
                carriers.add(carrier);
            }
        }
        if (count == 0 || total < context.nanos(MIN_TOTAL)) {
            return List.of();
        }
        List<Lane> holders = new ArrayList<>(heldBy.keySet());
        holders.sort(Comparator.comparing((Lane l) -> heldBy.get(l)).reversed());
        long duration = Math.max(1, timeline.durationNanos());
        Severity severity = total * 4 >= duration * Math.max(1, carriers.size()) ? Severity.HIGH : Severity.MEDIUM;
        String message = String.format("Carriers were held without a break %d times for over %s (%s in all, the "
                        + "longest %s) on %s%s. Meanwhile the scheduler had fewer carriers for every other virtual "
                        + "thread, so their wake-ups were late. CPU-bound work does not belong on virtual threads: "
                        + "run it on a platform thread pool, or split it.", count, Findings.seconds(hold),
                Findings.seconds(total), Findings.seconds(longest), String.join(", ", Findings.names(carriers)),
                holders.isEmpty() ? "" : ", by " + Findings.who(holders));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("holds", count);
        details.put("totalNanos", total);
        details.put("longestNanos", longest);
        details.put("carriers", Findings.names(carriers));
        List<Lane> involved = new ArrayList<>(holders);
        return List.of(new Finding("starvation", severity, message, first, last, Findings.ids(involved),
                Findings.names(involved), "", details, "starvation"));
    }

    /** A stretch in which a virtual thread ran with no event: it may have held a carrier then. */
    private record Stretch(int lane, long start, long end) {
    }

    /** Every pinned span of every virtual thread. */
    private static List<Stretch> pinned(Timeline timeline) {
        List<Stretch> pins = new ArrayList<>();
        for (Lane lane : timeline.lanes()) {
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == dev.loomscope.core.model.ThreadState.PINNED) {
                    pins.add(new Stretch(lane.id(), lane.spanStart(i), lane.spanEnd(i)));
                }
            }
        }
        return pins;
    }

    private static boolean mostlyPinned(List<Stretch> pins, long s, long e) {
        for (Stretch pin : pins) {
            long overlap = Math.min(e, pin.end()) - Math.max(s, pin.start());
            if (overlap * 2 >= e - s) {
                return true;
            }
        }
        return false;
    }

    /** Every gap longer than {@code hold} in a virtual thread's lane before its unknown tail. */
    private static List<Stretch> silentRunning(Timeline timeline, long hold) {
        List<Stretch> stretches = new ArrayList<>();
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            long tail = lane.tailStart();
            long cursor = lane.lifeStart();
            for (int i = 0; i <= lane.spanCount() && cursor < tail; i++) {
                long next = i < lane.spanCount() ? Math.min(lane.spanStart(i), tail) : tail;
                if (next - cursor > hold) {
                    stretches.add(new Stretch(lane.id(), cursor, next));
                }
                if (i < lane.spanCount()) {
                    cursor = Math.max(cursor, lane.spanEnd(i));
                }
            }
        }
        return stretches;
    }

    /**
     * The virtual threads that may have held a carrier over {@code [s, e)} when the recording does
     * not say: those running with no event all through it, if there are no more of them than
     * carriers (one of them held it); otherwise none can be named.
     */
    private static List<Lane> holders(Timeline timeline, List<Stretch> running, long s, long e, int carriers) {
        List<Lane> found = new ArrayList<>();
        for (Stretch stretch : running) {
            if (stretch.start() <= s && stretch.end() >= e) {
                found.add(timeline.lane(stretch.lane()));
                if (found.size() > carriers) {
                    return List.of();
                }
            }
        }
        return found;
    }
}
