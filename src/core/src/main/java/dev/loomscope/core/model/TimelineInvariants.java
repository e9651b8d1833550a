package dev.loomscope.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth rules of DESIGN.md section 4, checked over a whole timeline: what no recording can
 * prove is never stored as fact. {@link TimelineWriter} asserts them whenever it finishes or
 * advances a timeline, so every model a test builds (with assertions on, as Surefire runs them)
 * is checked, not only the ones a test looks at.
 *
 * <ul>
 * <li>Every lane's spans are sorted, disjoint, not empty and inside its lifetime.</li>
 * <li>A virtual thread is RUNNING only on a named carrier: only the agent proves which virtual
 *     thread a carrier ran.</li>
 * <li>No two virtual threads run on one carrier at the same time, so at no instant do more
 *     virtual threads run than there are carriers.</li>
 * <li>Carrier lanes hold nothing but busy (RUNNING) intervals.</li>
 * <li>A platform thread is RUNNING only while it carried a virtual thread, and no thread's time
 *     that no event explains is RUNNING: nothing else a recording holds proves a thread on a CPU
 *     for a stretch (short parks and sleeps leave no event).</li>
 * </ul>
 *
 * <p>A sleep is never longer than it asked for: that rule is kept by construction, since the one
 * way to write a sleep ({@link TimelineWriter#timedBlock}) splits off the rest.
 */
public final class TimelineInvariants {
    private static final int MAX_REPORTED = 20;

    private TimelineInvariants() {
    }

    /** Returns true, or throws an {@link AssertionError} listing what is violated: for {@code assert}. */
    public static boolean hold(Timeline timeline) {
        List<String> violations = violations(timeline);
        if (!violations.isEmpty()) {
            throw new AssertionError("The timeline breaks its truth rules:\n  " + String.join("\n  ", violations));
        }
        return true;
    }

    /** What the timeline violates, at most {@value #MAX_REPORTED} lines; empty if it is sound. */
    public static List<String> violations(Timeline timeline) {
        List<String> out = new ArrayList<>();
        for (Lane lane : timeline.lanes) {
            checkSpans(lane, "thread", out);
        }
        for (Lane carrier : timeline.carriers) {
            checkSpans(carrier, "carrier", out);
            for (int i = 0; i < carrier.spanCount(); i++) {
                if (carrier.spanState(i) != ThreadState.RUNNING) {
                    report(out, "carrier %s holds a %s span at %d", carrier.displayName(), carrier.spanState(i),
                            carrier.spanStart(i));
                    break;
                }
            }
        }
        checkRunningVirtualThreads(timeline, out);
        checkRunningPlatformThreads(timeline, out);
        return out.size() > MAX_REPORTED ? out.subList(0, MAX_REPORTED) : out;
    }

    private static void checkSpans(Lane lane, String kind, List<String> out) {
        int count = lane.spanCount();
        for (int i = 0; i < count; i++) {
            if (lane.spanStart(i) >= lane.spanEnd(i)) {
                report(out, "%s %s: span %d is empty [%d, %d)", kind, lane.displayName(), i, lane.spanStart(i),
                        lane.spanEnd(i));
            }
            if (i > 0 && lane.spanStart(i) < lane.spanEnd(i - 1)) {
                report(out, "%s %s: span %d starts at %d, before span %d ends at %d", kind, lane.displayName(), i,
                        lane.spanStart(i), i - 1, lane.spanEnd(i - 1));
            }
            if (lane.spanState(i) == ThreadState.ENDED) {
                report(out, "%s %s: span %d is stored as ENDED", kind, lane.displayName(), i);
            }
        }
        if (count > 0 && (lane.spanStart(0) < lane.lifeStart() || lane.spanEnd(count - 1) > lane.lifeEnd())) {
            report(out, "%s %s: spans cover [%d, %d), outside its lifetime [%d, %d)", kind, lane.displayName(),
                    lane.spanStart(0), lane.spanEnd(count - 1), lane.lifeStart(), lane.lifeEnd());
        }
    }

    /**
     * Every RUNNING span of a virtual thread names a carrier, and the spans naming one carrier do
     * not overlap: then no more virtual threads run at once than there are carriers. The count is
     * checked too, by a sweep, so a broken link cannot hide an excess.
     */
    private static void checkRunningVirtualThreads(Timeline timeline, List<String> out) {
        int carriers = timeline.carriers.size();
        long[][] byCarrier = new long[carriers][];
        int[] sizes = new int[carriers];
        long[] edges = new long[64];
        int edgeCount = 0;
        for (Lane lane : timeline.lanes) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) != ThreadState.RUNNING) {
                    continue;
                }
                long s = lane.spanStart(i);
                long e = lane.spanEnd(i);
                int carrier = lane.spanLink(i);
                if (carrier < 0 || carrier >= carriers) {
                    report(out, "virtual thread %s is RUNNING over [%d, %d) on no known carrier", lane.displayName(), s, e);
                    continue;
                }
                byCarrier[carrier] = append(byCarrier[carrier], sizes[carrier]++, s, e);
                if (edgeCount + 2 > edges.length) {
                    edges = Arrays.copyOf(edges, edges.length * 2);
                }
                edges[edgeCount++] = s << 1 | 1;
                edges[edgeCount++] = e << 1;
            }
        }
        for (int c = 0; c < carriers; c++) {
            checkDisjoint(timeline.carriers.get(c), byCarrier[c], sizes[c], out);
        }
        int at = firstExcess(edges, edgeCount, carriers);
        if (at >= 0) {
            report(out, "more virtual threads RUNNING at %d than the %d carriers", edges[at] >> 1, carriers);
        }
    }

    private static void checkRunningPlatformThreads(Timeline timeline, List<String> out) {
        Map<Long, Lane> carrierOf = new HashMap<>();
        timeline.carriers.forEach(c -> carrierOf.put(c.javaThreadId(), c));
        for (Lane lane : timeline.lanes) {
            if (lane.gapState() == ThreadState.RUNNING) {
                report(out, "thread %s is RUNNING wherever no event explains its time", lane.displayName());
            }
            if (lane.isVirtual()) {
                continue;
            }
            Lane carrier = carrierOf.get(lane.javaThreadId());
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.RUNNING
                        && (carrier == null || !covered(carrier, lane.spanStart(i), lane.spanEnd(i)))) {
                    report(out, "platform thread %s is RUNNING over [%d, %d) without carrying a virtual thread",
                            lane.displayName(), lane.spanStart(i), lane.spanEnd(i));
                    break;
                }
            }
        }
    }

    /** Whether the carrier's busy spans cover {@code [start, end)} without a gap. */
    private static boolean covered(Lane carrier, long start, long end) {
        long reached = start;
        for (int k = carrier.firstSpanEndingAfter(start); k < carrier.spanCount() && reached < end; k++) {
            if (carrier.spanStart(k) > reached) {
                return false;
            }
            reached = Math.max(reached, carrier.spanEnd(k));
        }
        return reached >= end;
    }

    private static long[] append(long[] pairs, int index, long start, long end) {
        long[] grown = pairs == null ? new long[16] : pairs;
        if (2 * index + 2 > grown.length) {
            grown = Arrays.copyOf(grown, grown.length * 2);
        }
        grown[2 * index] = start;
        grown[2 * index + 1] = end;
        return grown;
    }

    /** Reports the first instant at which two runs on one carrier overlap. */
    private static void checkDisjoint(Lane carrier, long[] pairs, int count, List<String> out) {
        long[] edges = new long[2 * count];
        for (int i = 0; i < count; i++) {
            edges[2 * i] = pairs[2 * i] << 1 | 1;
            edges[2 * i + 1] = pairs[2 * i + 1] << 1;
        }
        int at = firstExcess(edges, edges.length, 1);
        if (at >= 0) {
            report(out, "carrier %s runs two virtual threads at once at %d", carrier.displayName(), edges[at] >> 1);
        }
    }

    /**
     * Sorts interval edges (a start is {@code t << 1 | 1}, an end {@code t << 1}, so ends sort
     * first at the same instant) and returns the index of the first at which more than
     * {@code limit} intervals are open, or -1.
     */
    private static int firstExcess(long[] edges, int count, int limit) {
        Arrays.sort(edges, 0, count);
        int open = 0;
        for (int i = 0; i < count; i++) {
            open += (edges[i] & 1) == 1 ? 1 : -1;
            if (open > limit) {
                return i;
            }
        }
        return -1;
    }

    private static void report(List<String> out, String format, Object... args) {
        if (out.size() <= MAX_REPORTED) {
            out.add(String.format(format, args));
        }
    }
}
