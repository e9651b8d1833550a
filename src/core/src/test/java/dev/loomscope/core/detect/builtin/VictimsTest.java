package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The starvation detector's victims, counted by hand on a small model: the most waits open at
 * once counts every wait, the late stretches only the long ones, and waits that touch do not
 * overlap.
 */
class VictimsTest {
    private static final long MS = 1_000_000L;

    @Test
    void mostAtOnceCountsEveryWaitAndTheStretchesOnlyTheLongOnes() {
        TimelineWriter writer = new TimelineWriter();
        runnable(writer, 1, 0, 30);      // long
        runnable(writer, 2, 10, 15);     // short, inside the first: three open at 12 ms
        runnable(writer, 3, 12, 14);     // short
        runnable(writer, 4, 30, 60);     // long, begins where the first ends: touching, not overlapping
        runnable(writer, 5, 70, 95);     // long, a stretch of its own
        runnable(writer, 5, 97, 98);     // short, after it
        writer.advance(new RecordingInfo("test", 0, 100 * MS, 1, Map.of(), AgentStatus.ABSENT, List.of()));
        Timeline timeline = writer.timeline();

        Victims victims = Victims.of(timeline, 20 * MS);

        assertEquals(3, victims.mostAtOnce(), "threads 1, 2 and 3 between 12 and 14 ms");
        assertEquals((30 + 30 + 25) * MS, victims.total());
        assertEquals(30 * MS, victims.longest());
        assertArrayEquals(new long[] {0, 30 * MS, 70 * MS}, victims.from(), "three stretches: touching waits stay apart");
        assertArrayEquals(new long[] {30 * MS, 60 * MS, 95 * MS}, victims.to());
        assertEquals(3, victims.lanes().length, "threads 1, 4 and 5 waited long; 2 and 3 did not");
    }

    private static void runnable(TimelineWriter writer, long threadId, long fromMs, long toMs) {
        int lane = writer.lane(threadId, "v-" + threadId, true, 0);
        writer.span(lane, fromMs * MS, toMs * MS, ThreadState.RUNNABLE, false, -1, -1);
    }
}
