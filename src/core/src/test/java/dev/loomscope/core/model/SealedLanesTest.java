package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small lanes of ended threads are sealed into columns they share (Lane#seal): they must read as
 * they did with columns of their own, take a late span, and lose only what a live window drops.
 */
class SealedLanesTest {
    private static final long END = 1_000_000;

    @Test
    void aSealedLaneReadsAsItDidAndTakesALateSpan() {
        TimelineWriter writer = new TimelineWriter();
        int first = shortLivedThread(writer, 1, 100);
        int second = shortLivedThread(writer, 2, 300);
        int busy = writer.lane(3, "busy", false, 3);
        writer.started(busy, 0);
        for (int i = 0; i < 40; i++) { // more than a sealed lane holds: keeps its own columns
            writer.span(busy, i * 100, i * 100 + 50, ThreadState.SLEEPING, false, -1, -1);
        }
        List<long[]> before = spansOf(writer.timeline());
        long[][] statesBefore = statesOf(writer.timeline());

        writer.advance(info(END));
        assertEquals(before.size(), spansOf(writer.timeline()).size());
        for (int lane = 0; lane < before.size(); lane++) {
            assertArrayEquals(before.get(lane), spansOf(writer.timeline()).get(lane), "lane " + lane + " sealed");
        }
        assertArrayEquals(statesBefore[first], statesOf(writer.timeline())[first]);

        // Events come out of order: a span early in the first thread's life comes after it ended.
        writer.span(first, 102, 106, ThreadState.BLOCKED_LOCK, false, 9, -1);
        Lane lane = writer.timeline().lane(first);
        assertEquals(ThreadState.BLOCKED_LOCK, lane.stateAt(104));
        assertEquals(9, lane.spanStack(lane.spanIndexAt(104)));
        assertEquals(ThreadState.WAITING, lane.stateAt(115));
        assertEquals(2, lane.spanCount());
        assertArrayEquals(before.get(second), spansOf(writer.timeline()).get(second), "its neighbour is untouched");

        Timeline finished = writer.finish(info(END));
        assertEquals(List.of(), TimelineInvariants.violations(finished));
        assertEquals(2, finished.lane(first).spanCount());
        assertEquals(ThreadState.WAITING, finished.lane(second).stateAt(310));
        assertEquals(40, finished.lane(busy).spanCount());
    }

    @Test
    void aLiveWindowEmptiesSealedLanesAndKeepsTheRest() {
        TimelineWriter writer = new TimelineWriter();
        int threads = 100_000;
        for (int i = 0; i < threads; i++) {
            shortLivedThread(writer, i + 1, i * 10L);
        }
        writer.advance(info(threads * 10L + 100));
        long window = 90_000 * 10L + 15; // cuts thread 90,000's wait [900,010, 900,020) in two

        writer.beginBatch();
        writer.dropBefore(window);
        writer.endBatch();

        Timeline timeline = writer.timeline();
        assertEquals(0, timeline.lane(89_999).spanCount(), "a thread wholly before the window keeps an empty lane");
        Lane cut = timeline.lane(90_000);
        assertEquals(window, cut.spanStart(0));
        assertEquals(ThreadState.WAITING, cut.stateAt(window));
        for (int i = 90_001; i < threads; i += 997) {
            assertArrayEquals(new long[] {i * 10L + 10, i * 10L + 20, ThreadState.WAITING.code(), 7},
                    spansOf(timeline).get(i), "thread " + i + " after the window");
        }
        writer.span(threads - 1, (threads - 1) * 10L + 2, (threads - 1) * 10L + 4, ThreadState.SLEEPING, false, -1, -1);
        assertEquals(2, timeline.lane(threads - 1).spanCount());
        assertEquals(List.of(), TimelineInvariants.violations(writer.finish(info(threads * 10L + 100))));
    }

    @Test
    void aNameIsKeptExactlyWhateverItsDigits() {
        ThreadNames names = new ThreadNames();
        for (String name : List.of("", "main", "worker-1", "worker-0", "worker-007", "gen-999999999",
                "gen-1000000000", "12", "a1b2", "pool-3-thread-14", "x-2147483647")) {
            Lane lane = new Lane(0, 1, name, true, 0, ThreadState.RUNNING, names);
            assertEquals(name, lane.name());
            assertTrue(lane.named(name), name);
            assertTrue(!lane.named(name + "0") && !lane.named("0" + name) && !lane.named(name + "x"), name);
        }
        Lane a = new Lane(0, 1, "worker-1", true, 0, ThreadState.RUNNING, names);
        Lane b = new Lane(1, 2, "worker-2", true, 0, ThreadState.RUNNING, names);
        assertTrue(a.namePrefix() == b.namePrefix(), "threads named alike share their prefix");
    }

    /** A virtual thread that starts at {@code t}, waits [t + 10, t + 20) at stack 7, and ends at t + 25. */
    private static int shortLivedThread(TimelineWriter writer, long javaId, long t) {
        int lane = writer.lane(javaId, "vt-" + javaId, true, 0);
        writer.started(lane, t);
        writer.span(lane, t + 10, t + 20, ThreadState.WAITING, false, 7, -1);
        writer.seen(lane, t + 10, t + 20, 7);
        writer.ended(lane, t + 25);
        return lane;
    }

    /** Each lane's spans as start, end, state code, stack, one after the other. */
    private static List<long[]> spansOf(Timeline timeline) {
        List<long[]> all = new ArrayList<>();
        for (Lane lane : timeline.lanes()) {
            long[] spans = new long[lane.spanCount() * 4];
            for (int i = 0; i < lane.spanCount(); i++) {
                spans[4 * i] = lane.spanStart(i);
                spans[4 * i + 1] = lane.spanEnd(i);
                spans[4 * i + 2] = lane.spanState(i).code();
                spans[4 * i + 3] = lane.spanStack(i);
            }
            all.add(spans);
        }
        return all;
    }

    /** Each lane's state code at every instant of [0, 500). */
    private static long[][] statesOf(Timeline timeline) {
        long[][] states = new long[timeline.laneCount()][500];
        for (Lane lane : timeline.lanes()) {
            for (int t = 0; t < 500; t++) {
                states[lane.id()][t] = lane.stateAt(t).code();
            }
        }
        return states;
    }

    private static RecordingInfo info(long end) {
        return new RecordingInfo("test", 0, end, 1, Map.of("jdk.VirtualThreadEnd", 1L), AgentStatus.ABSENT, List.of());
    }
}
