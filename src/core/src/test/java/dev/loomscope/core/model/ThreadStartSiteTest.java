package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A thread that started another: JFR times the start by the new thread's first moment, when the
 * parent may already be parked. The parent's stack there is a site, not a time it was seen alive.
 */
class ThreadStartSiteTest {
    private static final long MS = 1_000_000L;

    @Test
    void aParentParkedBeforeItsChildBeganIsNotDrawnRunningUntilThen() {
        TimelineWriter writer = new TimelineWriter();
        int parent = writer.lane(1, "main", false, 0);
        writer.seen(parent, 100 * MS, 100 * MS, -1);
        // main called start() at about 100 ms and parked in join; the child's first moment was 152 ms.
        writer.startedAnother(parent, 152 * MS, 7);
        writer.advance(info(2_300 * MS));

        Lane main = writer.timeline().lane(parent);
        assertEquals(ThreadState.UNKNOWN, main.stateAt(130 * MS), "nothing recorded says what main did after 100 ms");
        assertEquals(100 * MS, main.lastSeen());
        assertEquals(7, main.lastStack(), "the start's stack is main's latest site");

        // The join's park, committed when it returned, arrives in a later chunk.
        writer.span(parent, 101 * MS, 3_800 * MS, ThreadState.WAITING, false, 8, -1);
        writer.advance(info(4_000 * MS));
        assertEquals(ThreadState.WAITING, main.stateAt(130 * MS));
    }

    private static RecordingInfo info(long duration) {
        return new RecordingInfo("growing", 0, duration, 1, Map.of("jdk.ThreadStart", 1L, "jdk.ThreadPark", 1L),
                AgentStatus.ABSENT, List.of());
    }
}
