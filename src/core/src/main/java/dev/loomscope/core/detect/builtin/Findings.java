package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.List;

/** Small shared pieces of the built-in detectors' findings. */
final class Findings {
    private Findings() {
    }

    static List<Integer> ids(List<Lane> lanes) {
        List<Integer> ids = new ArrayList<>(lanes.size());
        lanes.forEach(l -> ids.add(l.id()));
        return ids;
    }

    static List<Integer> ids(int[] lanes) {
        List<Integer> ids = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            ids.add(lane);
        }
        return ids;
    }

    static List<String> names(Timeline timeline, int[] lanes) {
        List<String> names = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            names.add(timeline.lane(lane).displayName());
        }
        return names;
    }

    static List<String> names(List<Lane> lanes) {
        List<String> names = new ArrayList<>(lanes.size());
        lanes.forEach(l -> names.add(l.displayName()));
        return names;
    }

    /**
     * The stack of the span a lane is in at its end (the wait itself: a BlockBegin's, a thread
     * dump's), or -1. Not {@link Lane#lastStack()}: that is wherever the thread last left a stack,
     * an allocation sample before it blocked say, which is no evidence of where it waits.
     */
    static int waitStack(Lane lane) {
        int i = lane.spanIndexAt(lane.lifeEnd() - 1);
        return i >= 0 ? lane.spanStack(i) : -1;
    }

    /** "4 virtual threads (a, b, c, ...)" */
    static String who(List<Lane> lanes) {
        String kind = lanes.stream().allMatch(Lane::isVirtual) ? "virtual " : lanes.stream().noneMatch(Lane::isVirtual) ? "platform " : "";
        return who(lanes.size(), kind, lanes.subList(0, Math.min(3, lanes.size())));
    }

    /** "731163 virtual threads (a, b, c, ...)", of {@code lanes}, all virtual: no pass over them all. */
    static String whoVirtual(Timeline timeline, int[] lanes) {
        List<Lane> first = new ArrayList<>();
        for (int i = 0; i < Math.min(3, lanes.length); i++) {
            first.add(timeline.lane(lanes[i]));
        }
        return who(lanes.length, "virtual ", first);
    }

    private static String who(int count, String kind, List<Lane> first) {
        return count + " " + kind + (count == 1 ? "thread" : "threads") + " (" + String.join(", ", names(first))
                + (count > 3 ? ", ..." : "") + ")";
    }

    static String seconds(long nanos) {
        return nanos >= 1_000_000_000L ? String.format("%.2f s", nanos / 1e9) : String.format("%.1f ms", nanos / 1e6);
    }

    /** Nanoseconds lane {@code lane} spent in {@code state}. */
    static long timeIn(Lane lane, ThreadState state) {
        long[] totals = new long[ThreadState.count()];
        lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
        return totals[state.code()];
    }

    /** Plain words for a blocked state. */
    static String doing(ThreadState state) {
        return switch (state) {
            case BLOCKED_SEND -> "blocked sending to a queue";
            case BLOCKED_RECV -> "blocked receiving from a queue";
            case BLOCKED_FUTURE -> "waiting for a future";
            case BLOCKED_LOCK -> "waiting for a lock";
            case WAITING -> "parked";
            case PINNED -> "blocked while pinned";
            case UNKNOWN -> "silent (no event)";
            default -> state.label().toLowerCase();
        };
    }

}
