package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline sample run under JFR with Loomscope's settings: 4 virtual sources and 2 virtual
 * transforms feeding bounded queues, drained by one slow platform sink (5 ms per item).
 */
class PipelineRecordingTest {
    private static Timeline timeline;

    @BeforeAll
    static void record() {
        timeline = SampleRecordings.pipelineTimeline();
    }

    @Test
    void everyStageThreadIsALaneOfTheRightKind() {
        for (int i = 0; i < 4; i++) {
            Lane source = named("pipeline-source-" + i);
            assertTrue(source.isVirtual());
            assertTrue(source.startObserved() && source.ended(), "sources start and end in the recording");
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(named("pipeline-transform-" + i).isVirtual());
        }
        Lane sink = named("pipeline-sink");
        assertFalse(sink.isVirtual());
        assertTrue(sink.ended());
    }

    @Test
    void upstreamStagesSpendMostOfTheirLifeBlockedSending() {
        for (String name : List.of("pipeline-source-0", "pipeline-source-1", "pipeline-source-2",
                "pipeline-source-3", "pipeline-transform-0", "pipeline-transform-1")) {
            Lane lane = named(name);
            double send = share(lane, ThreadState.BLOCKED_SEND);
            assertTrue(send > 0.5, name + " blocked on send only " + send);
        }
    }

    @Test
    void theBlockedSendsArePutCallsFromTheStageCode() {
        Lane source = named("pipeline-source-0");
        int sends = 0;
        for (int i = 0; i < source.spanCount(); i++) {
            if (source.spanState(i) == ThreadState.BLOCKED_SEND) {
                sends++;
                StackFrame site = timeline.stacks().site(source.spanStack(i));
                assertEquals("dev.loomscope.samples.pipeline.Pipeline", site.className());
                assertEquals("produce", site.methodName());
            }
        }
        assertTrue(sends > 10, "a full queue blocks the source many times, saw " + sends);
    }

    @Test
    void carrierThreadsNeverTakeOnTheStacksOfTheVirtualThreadsTheyCarry() {
        // A virtual thread's unpark can start a pool worker: JFR then names the carrier as the new
        // thread's parent, with the virtual thread's stack. That stack is not the carrier's site.
        for (Lane lane : timeline.lanes()) {
            if (lane.name().startsWith("ForkJoinPool-") && lane.lastStack() >= 0) {
                for (StackFrame frame : timeline.stacks().frames(lane.lastStack())) {
                    assertFalse(frame.className().startsWith("dev.loomscope.samples."), lane.name() + ": " + frame);
                }
            }
        }
    }

    @Test
    void theSlowSinkMostlySleeps() {
        assertTrue(share(named("pipeline-sink"), ThreadState.SLEEPING) > 0.5);
    }

    @Test
    void stateTotalsAddUpToEachThreadsLifetime() {
        for (Lane lane : timeline.lanes()) {
            long[] totals = new long[ThreadState.count()];
            lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
            long sum = java.util.Arrays.stream(totals).sum();
            assertEquals(lane.lifeEnd() - lane.lifeStart(), sum, lane.displayName());
        }
    }

    @Test
    void carriersAreTheSchedulersWorkersAndCarryOneThingAtATime() {
        assertFalse(timeline.carrierLanes().isEmpty(), "mount events give carrier lanes");
        for (Lane carrier : timeline.carrierLanes()) {
            assertTrue(carrier.name().startsWith("ForkJoinPool-1-worker-"), carrier.name());
            for (int i = 1; i < carrier.spanCount(); i++) {
                assertTrue(carrier.spanEnd(i - 1) <= carrier.spanStart(i), "busy intervals never overlap");
            }
        }
    }

    @Test
    void lanesAreSortedDisjointSpans() {
        for (Lane lane : timeline.lanes()) {
            for (int i = 0; i < lane.spanCount(); i++) {
                assertTrue(lane.spanStart(i) < lane.spanEnd(i));
                assertTrue(lane.spanStart(i) >= lane.lifeStart() && lane.spanEnd(i) <= lane.lifeEnd(),
                        lane.displayName() + " span " + i + " within the lifetime");
                if (i > 0) {
                    assertTrue(lane.spanEnd(i - 1) <= lane.spanStart(i));
                }
            }
        }
    }

    private static Lane named(String name) {
        return timeline.lanes().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no lane named " + name));
    }

    private static double share(Lane lane, ThreadState state) {
        long[] totals = new long[ThreadState.count()];
        lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
        return (double) totals[state.code()] / (lane.lifeEnd() - lane.lifeStart());
    }
}
