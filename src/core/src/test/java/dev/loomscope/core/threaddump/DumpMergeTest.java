package dev.loomscope.core.threaddump;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.ThreadDump.DumpedThread;
import dev.loomscope.core.threaddump.ThreadDump.Frame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump taken as a program exits, merged into a recording whose last spans already reach the end
 * (the agent's runs say a thread parked; nothing says where). Finishing checks the truth rules.
 */
class DumpMergeTest {
    private static final long MS = 1_000_000L;
    private static final long END = 2_000 * MS;
    private static final Instant ORIGIN = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aParkThatLastsToTheDumpTakesTheDumpsSiteAndItsMorePreciseState() {
        TimelineWriter writer = new TimelineWriter();
        int lane = parkedToTheEnd(writer);
        // Stamped 3 ms after the recording's end: the two are written side by side at exit.
        DumpMerge.mergeAtEnd(dump("WAITING", take()), writer, epochNanos(ORIGIN), END);
        Timeline timeline = finish(writer);
        Lane orphan = timeline.lane(lane);
        int last = orphan.spanCount() - 1;
        assertEquals(ThreadState.BLOCKED_RECV, orphan.spanState(last));
        assertTrue(orphan.spanInferred(last), "the queue is the dump's deduction, not a recorded event");
        assertEquals("awaitOrder", timeline.stacks().site(orphan.spanStack(last)).methodName());
        assertEquals(100 * MS, orphan.spanStart(last), "the span keeps the recorded park's start");
        assertEquals(END, orphan.lifeEnd(), "nothing drawn past the recording's end");
    }

    @Test
    void aDumpThatContradictsTheRecordedStateChangesNothing() {
        TimelineWriter writer = new TimelineWriter();
        int lane = parkedToTheEnd(writer);
        DumpMerge.mergeAtEnd(dump("BLOCKED", take()), writer, epochNanos(ORIGIN), END);
        Lane orphan = finish(writer).lane(lane);
        int last = orphan.spanCount() - 1;
        assertEquals(ThreadState.WAITING, orphan.spanState(last), "a monitor where the recording says parked: "
                + "something happened between that nothing recorded");
        assertEquals(-1, orphan.spanStack(last));
        assertFalse(orphan.spanInferred(last));
    }

    private static int parkedToTheEnd(TimelineWriter writer) {
        int lane = writer.lane(42, "orphan-0", true, 0);
        writer.started(lane, 10 * MS);
        writer.span(lane, 100 * MS, END, ThreadState.WAITING, false, -1, -1);
        return lane;
    }

    private static List<Frame> take() {
        return List.of(new Frame("java.lang.VirtualThread", "park", 738),
                new Frame("java.util.concurrent.SynchronousQueue", "take", 120),
                new Frame("com.example.Orders", "awaitOrder", 64));
    }

    private static ThreadDump dump(String state, List<Frame> frames) {
        Instant at = ORIGIN.plusNanos(END + 3 * MS);
        return new ThreadDump(at, List.of(new DumpedThread(42, null, "orphan-0", true, state, "", List.of(), frames)));
    }

    private static Timeline finish(TimelineWriter writer) {
        return writer.finish(new RecordingInfo("test", epochNanos(ORIGIN), END, 1,
                Map.of("loomscope.CarrierRuns", 10L), AgentStatus.ABSENT, List.of()));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
