package dev.loomscope.core.detect;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a leak is said to wait. The first case is the shape a fresh-clone CI run recorded from
 * sample-apps/leaky with the default capture: 40 orphans parked forever with no stack of the park
 * (it never returned), 13 of them with an allocation sample in the blocking call before it. They
 * were reported as two leaks, one "in" the sampled site.
 */
class LeakRulesTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void threadsParkedAlikeAreOneLeakWhetherOrNotAnEarlierEventLeftAStack() {
        TimelineWriter writer = new TimelineWriter();
        int allocation = stack(writer, "awaitOrder", 64);
        for (int i = 0; i < 40; i++) {
            orphan(writer, i, i % 3 == 0 ? allocation : -1, -1);
        }
        List<Finding> leaks = leaks(finish(writer));
        assertEquals(1, leaks.size(), "one group of threads, parked alike: " + leaks);
        Finding leak = leaks.getFirst();
        assertEquals(40, leak.threads().size());
        assertTrue(leak.message().contains("where is not recorded; last seen in com.example.Orders.awaitOrder(64)"),
                "an allocation sample is where they were seen, not proof of where they wait: " + leak.message());
        assertFalse(leak.message().contains("parked in "), leak.message());
    }

    @Test
    void theStackOfTheWaitItselfNamesTheSiteAndSeparatesLeaks() {
        TimelineWriter writer = new TimelineWriter();
        int orders = stack(writer, "awaitOrder", 64);
        int refunds = stack(writer, "awaitRefund", 80);
        for (int i = 0; i < 20; i++) {
            orphan(writer, i, -1, i < 12 ? orders : refunds);
        }
        List<Finding> leaks = leaks(finish(writer));
        assertEquals(2, leaks.size(), "two sites where the recording holds each wait's stack: " + leaks);
        Finding first = leaks.getFirst();
        assertEquals(12, first.threads().size());
        assertTrue(first.message().contains("parked in com.example.Orders.awaitOrder(64) since"), first.message());
    }

    /**
     * A platform listener whose take the agent saw in progress at the last chunk end (a wait drawn
     * from its last event to there), found in it by the dump there: leaked since the wait began,
     * not since the chunk end that showed it.
     */
    @Test
    void aPlatformWaitSeenInProgressAtTheEndIsDatedFromItsStart() {
        TimelineWriter writer = new TimelineWriter();
        int take = stack(writer, "awaitMessage", 14);
        int lane = writer.lane(200, "inbox-listener", false, 0);
        writer.started(lane, 50 * MS);
        writer.span(lane, 600 * MS, 9_990 * MS, ThreadState.BLOCKED_RECV, true, -1, -1);
        writer.snapshot(new ThreadSnapshot(9_990 * MS, lane, ThreadState.BLOCKED_RECV, "", List.of(), take));
        List<Finding> leaks = leaks(finish(writer));
        assertEquals(1, leaks.size(), leaks.toString());
        assertEquals(600 * MS, leaks.getFirst().startNanos(), leaks.getFirst().message());
    }

    /**
     * A virtual thread {@code orphan-i} parked from 100 ms to the end; {@code sampled} the stack of
     * an allocation sample at 90 ms or -1, {@code park} the park's or -1.
     */
    private static void orphan(TimelineWriter writer, int i, int sampled, int park) {
        int lane = writer.lane(100 + i, "orphan-" + i, true, 0);
        writer.started(lane, 50 * MS);
        if (sampled >= 0) {
            writer.seen(lane, 90 * MS, 90 * MS, sampled);
        }
        writer.span(lane, 100 * MS, 10 * SECOND, ThreadState.WAITING, false, park, -1);
    }

    private static Timeline finish(TimelineWriter writer) {
        writer.advance(new RecordingInfo("test", 0, 10 * SECOND, 1, Map.of("loomscope.CarrierRuns", 100L), AgentStatus.ABSENT, List.of()));
        return writer.timeline();
    }

    private static int stack(TimelineWriter writer, String method, int line) {
        int frame = writer.stacks().internFrame("com.example.Orders", method, line);
        return writer.stacks().internStack(new int[] {frame}, 1, false);
    }

    private static List<Finding> leaks(Timeline timeline) {
        return Analysis.run(timeline, Map.of(), Detectors.builtIn()).findings().stream()
                .filter(f -> f.kind().equals("leak")).toList();
    }
}
