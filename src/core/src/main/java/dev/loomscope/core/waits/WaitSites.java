package dev.loomscope.core.waits;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the program waits: every blocked-send, blocked-receive, future and lock wait of the
 * recording, grouped by state and site (the program's own frame that called {@code put},
 * {@code take}, {@code join}...). This needs no agent: it is what the Channels and Futures views
 * show from a recording with the JDK's settings, where queues and futures have no identity.
 * Callers hold the timeline's read lock.
 */
public final class WaitSites {
    private static final List<ThreadState> STATES = List.of(ThreadState.BLOCKED_SEND, ThreadState.BLOCKED_RECV,
            ThreadState.BLOCKED_FUTURE, ThreadState.BLOCKED_LOCK);

    /**
     * One place the program waits.
     *
     * @param state        what kind of wait
     * @param site         the frame, or "" when the waits carry no stack
     * @param count        how many waits
     * @param totalNanos   their summed length
     * @param maxNanos     the longest
     * @param lanes        the threads that waited here, by lane id
     * @param stillWaiting how many threads were still waiting here at the end of the recording
     * @param exampleLane  the lane of the longest wait, to jump to
     * @param exampleStart when the longest wait began
     */
    public record Site(ThreadState state, String site, int count, long totalNanos, long maxNanos, BitSet lanes,
                       int stillWaiting, int exampleLane, long exampleStart) {
    }

    private WaitSites() {
    }

    /** The sites of {@code states} (all blocked states when empty), the longest total wait first. */
    public static List<Site> of(Timeline timeline, List<ThreadState> states) {
        List<ThreadState> wanted = states.isEmpty() ? STATES : states;
        Map<Key, Builder> sites = new HashMap<>();
        for (Lane lane : timeline.lanes()) {
            int spans = lane.spanCount();
            int last = -1;
            for (int i = 0; i < spans; i++) {
                ThreadState state = lane.spanState(i);
                if (wanted.contains(state)) {
                    sites.computeIfAbsent(new Key(state, site(timeline, lane.spanStack(i))), Builder::new)
                            .add(lane, lane.spanStart(i), lane.spanEnd(i));
                    last = i;
                }
            }
            if (last >= 0 && !lane.ended() && lane.spanEnd(last) >= lane.tailStart()) {
                sites.get(new Key(lane.spanState(last), site(timeline, lane.spanStack(last)))).stillWaiting++;
            }
        }
        List<Site> result = new ArrayList<>();
        sites.values().forEach(b -> result.add(b.build()));
        result.sort(Comparator.comparingLong(Site::totalNanos).reversed());
        return result;
    }

    private static String site(Timeline timeline, int stack) {
        StackFrame frame = timeline.stacks().site(stack);
        return frame == null ? "" : frame.toString();
    }

    private record Key(ThreadState state, String site) {
    }

    private static final class Builder {
        private final Key key;
        private final BitSet lanes = new BitSet();
        private int count;
        private long total;
        private long max = -1;
        private int exampleLane = -1;
        private long exampleStart;
        private int stillWaiting;

        Builder(Key key) {
            this.key = key;
        }

        void add(Lane lane, long start, long end) {
            count++;
            total += end - start;
            lanes.set(lane.id());
            if (end - start > max) {
                max = end - start;
                exampleLane = lane.id();
                exampleStart = start;
            }
        }

        Site build() {
            return new Site(key.state(), key.site(), count, total, max, lanes, stillWaiting, exampleLane, exampleStart);
        }
    }
}
