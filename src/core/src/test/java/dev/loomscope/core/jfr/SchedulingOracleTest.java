package dev.loomscope.core.jfr;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineInvariants;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.model.WaitClassifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random virtual-thread schedules ({@link SimulatedScheduler}: the ground truth) are turned into the
 * facts a recording holds, delivered in shuffled order over several chunks as a live stream does,
 * and the timeline built from them is compared instant by instant with what the truth allows
 * each capture tier to draw, and checked against the truth rules as it grows.
 */
class SchedulingOracleTest {
    private static final int SEEDS = 150;

    @Test
    void withTheAgentEveryInstantIsExactlyWhatHappened() {
        for (int seed = 0; seed < SEEDS; seed++) {
            SimulatedScheduler truth = new SimulatedScheduler(new Random(seed));
            Timeline timeline = build(truth, new Random(~seed), true);
            for (int v = 0; v < truth.threads(); v++) {
                Lane lane = timeline.lane(truth.laneOf(v));
                for (int t = 0; t < truth.end(); t++) {
                    String where = "seed " + seed + ", thread " + v + ", t=" + t;
                    assertEquals(truth.exact(v, t), lane.stateAt(t), where);
                    if (truth.exact(v, t) == ThreadState.RUNNING) {
                        int carrierLane = lane.spanLink(lane.spanIndexAt(t));
                        assertEquals(truth.carrierOf(v, t), timeline.carrierLanes().get(carrierLane).name(), where);
                    }
                }
            }
        }
    }

    @Test
    void withoutTheAgentNoVirtualThreadIsDrawnRunningAndNoSleepOutlastsItsRequest() {
        for (int seed = 0; seed < SEEDS; seed++) {
            SimulatedScheduler truth = new SimulatedScheduler(new Random(seed));
            Timeline timeline = build(truth, new Random(~seed), false);
            for (int v = 0; v < truth.threads(); v++) {
                Lane lane = timeline.lane(truth.laneOf(v));
                for (int t = 0; t < truth.end(); t++) {
                    ThreadState drawn = lane.stateAt(t);
                    assertEquals(truth.tierZero(v, t), drawn, "seed " + seed + ", thread " + v + ", t=" + t);
                }
            }
        }
    }

    @Test
    void theStatesAddUpToEachLifetime() {
        SimulatedScheduler truth = new SimulatedScheduler(new Random(7));
        for (boolean agent : new boolean[] {true, false}) {
            Timeline timeline = build(truth, new Random(8), agent);
            for (int v = 0; v < truth.threads(); v++) {
                Lane lane = timeline.lane(truth.laneOf(v));
                long[] totals = new long[ThreadState.count()];
                lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
                long sum = 0;
                for (long n : totals) {
                    sum += n;
                }
                assertEquals(lane.lifeEnd() - lane.lifeStart(), sum);
                assertTrue(agent || totals[ThreadState.RUNNING.code()] == 0, "tier 0 drew a virtual thread running");
            }
        }
    }

    /**
     * A run the recording never saw end (still going when the recording stopped, its unmount lost)
     * ends where the carrier's next run of another thread begins: that mount proves it was off
     * the carrier. Drawn to the end, it filled every gap between the later runs on that carrier.
     */
    @Test
    void aRunWithNoEndStopsWhereItsCarrierRunsAnotherThread() {
        TimelineWriter writer = new TimelineWriter();
        Scheduling scheduling = new Scheduling(writer, new WaitClassifier(writer.stacks()), new CarrierIntervals(writer),
                new BlockSites(writer.stacks()));
        int carrier = writer.lane(1, "ForkJoinPool-1-worker-1", false, 11);
        int endless = writer.lane(100, "endless", true, 0);
        writer.beginBatch();
        scheduling.add(Scheduling.MOUNT, endless, 10, carrier, 0);
        for (int i = 0; i < 3; i++) {
            int other = writer.lane(200 + i, "other-" + i, true, 0);
            scheduling.add(Scheduling.MOUNT, other, 20 + 20 * i, carrier, 0);
            scheduling.add(Scheduling.UNMOUNT, other, 30 + 20 * i, carrier, Scheduling.END);
        }
        scheduling.finish(100);
        writer.endBatch();
        Timeline timeline = writer.finish(info(100));

        Lane lane = timeline.lane(endless);
        assertEquals(ThreadState.RUNNING, lane.stateAt(15));
        for (long t = 20; t < 100; t++) {
            assertTrue(lane.stateAt(t) != ThreadState.RUNNING, "drawn running at " + t + " while its carrier ran another thread");
        }
        assertEquals(List.of(), TimelineInvariants.violations(timeline));
    }

    /** Delivers the truth's facts chunk by chunk, shuffled within each chunk, as a live stream does. */
    private static Timeline build(SimulatedScheduler truth, Random random, boolean agent) {
        TimelineWriter writer = new TimelineWriter();
        Scheduling scheduling = new Scheduling(writer, new WaitClassifier(writer.stacks()), new CarrierIntervals(writer),
                new BlockSites(writer.stacks()));
        List<SimulatedScheduler.Fact> facts = truth.facts(writer, agent);
        int chunks = 1 + random.nextInt(4);
        long[] bounds = new long[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            bounds[c] = random.nextInt(truth.end());
        }
        bounds[chunks] = truth.end() + 1L;
        java.util.Arrays.sort(bounds);
        for (int c = 1; c <= chunks; c++) {
            List<SimulatedScheduler.Fact> chunk = new ArrayList<>();
            for (SimulatedScheduler.Fact fact : facts) {
                if (fact.committed() >= bounds[c - 1] && fact.committed() < bounds[c]) {
                    chunk.add(fact);
                }
            }
            Collections.shuffle(chunk, random);
            writer.beginBatch();
            chunk.forEach(fact -> fact.apply(writer, scheduling));
            if (c < chunks) {
                scheduling.settle(bounds[c]);
                writer.advance(info(bounds[c]));
                assertEquals(List.of(), TimelineInvariants.violations(writer.timeline()));
            }
            writer.endBatch();
        }
        scheduling.finish(truth.end());
        Timeline timeline = writer.finish(info(truth.end()));
        assertEquals(List.of(), TimelineInvariants.violations(timeline));
        return timeline;
    }

    private static RecordingInfo info(long end) {
        return new RecordingInfo("simulated", 0, end, 1, Map.of(), AgentStatus.ABSENT, List.of());
    }
}
