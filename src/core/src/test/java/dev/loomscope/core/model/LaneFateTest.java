package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A virtual thread known from a thread dump only: alive to the end only if its end would have been recorded. */
class LaneFateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutVirtualThreadEndEventsADumpedThreadStopsAtTheDump() {
        TimelineWriter writer = dumpedBackendThread();
        // The JDK's default settings: threads and parks, no jdk.VirtualThreadStart/End.
        writer.advance(new RecordingInfo("live", 0, 10 * SECOND, 1, Map.of("jdk.ThreadStart", 3L, "jdk.ThreadPark", 90L), AgentStatus.ABSENT, List.of()));

        Lane backend = writer.timeline().lane(0);
        assertFalse(backend.fateKnown());
        assertEquals(SECOND, backend.lifeEnd(), "not drawn alive from the dump to the end of the session");
        assertEquals(ThreadState.UNKNOWN, backend.stateAt(5 * SECOND));
        assertFalse(backend.ended());
    }

    @Test
    void withThemItIsAliveToTheEndInAnUnknownState() {
        TimelineWriter writer = dumpedBackendThread();
        writer.advance(new RecordingInfo("live", 0, 10 * SECOND, 1, Map.of("jdk.VirtualThreadStart", 5L, "jdk.VirtualThreadEnd", 4L), AgentStatus.ABSENT, List.of()));

        Lane backend = writer.timeline().lane(0);
        assertTrue(backend.fateKnown(), "its end would have been recorded: it lives on");
        assertEquals(10 * SECOND, backend.lifeEnd());
        assertEquals(SECOND, backend.tailStart());
    }

    /** A lane whose only evidence is a dump at 1 s that found it sleeping. */
    private static TimelineWriter dumpedBackendThread() {
        TimelineWriter writer = new TimelineWriter();
        int lane = writer.lane(77, "", true, 0);
        writer.seen(lane, SECOND, SECOND, -1);
        writer.snapshot(new ThreadSnapshot(SECOND, lane, ThreadState.SLEEPING, "", List.of(), -1));
        return writer;
    }
}
