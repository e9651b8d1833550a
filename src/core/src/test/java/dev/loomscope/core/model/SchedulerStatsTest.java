package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchedulerStatsTest {
    private static final long SECOND = 1_000_000_000L;

    /** Two carriers busy all the time on a host JFR says has 64 hardware threads: 100 %, not 3 %. */
    @Test
    void utilizationIsOverTheCarriersSeenWhenTheParallelismWasNotSet() {
        TimelineWriter writer = new TimelineWriter();
        writer.fact("cpus", "64");
        for (int c = 0; c < 2; c++) {
            int carrier = writer.lane(10 + c, "ForkJoinPool-1-worker-" + (c + 1), false, 100 + c);
            int virtual = writer.lane(20 + c, "", true, 0);
            writer.carrierBusy(carrier, 0, SECOND, virtual);
        }
        writer.advance(new RecordingInfo("test", 0, SECOND, 1, Map.of(), AgentStatus.ABSENT, List.of()));
        Timeline timeline = writer.timeline();

        SchedulerStats.Parallelism p = SchedulerStats.parallelismOf(timeline);
        assertEquals(2, p.value(), "P is the carriers seen, not the host's hardware threads");
        double[] busy = SchedulerStats.busyCarriers(timeline, 0, SECOND, 10);
        assertEquals(100, 100 * busy[5] / p.value(), 1e-9, "what the utilization chart plots, in %");
        assertEquals(64, SchedulerStats.compensationFrom(timeline), "neither carrier is compensation");
    }

    @Test
    void theRecordedParallelismWinsAndBoundsTheCompensationCarriers() {
        TimelineWriter writer = new TimelineWriter();
        writer.fact("cpus", "8");
        writer.fact("jdk.virtualThreadScheduler.parallelism", "2");
        for (int c = 0; c < 3; c++) {
            writer.carrierBusy(writer.lane(10 + c, "ForkJoinPool-1-worker-" + (c + 1), false, 0), 0, SECOND, -1);
        }
        writer.advance(new RecordingInfo("test", 0, SECOND, 1, Map.of(), AgentStatus.ABSENT, List.of()));

        assertEquals(2, SchedulerStats.parallelism(writer.timeline()));
        assertEquals(2, SchedulerStats.compensationFrom(writer.timeline()), "the third carrier is compensation");
    }

    @Test
    void withoutCarriersTheHardwareThreadsThenOne() {
        TimelineWriter writer = new TimelineWriter();
        assertEquals(1, SchedulerStats.parallelism(writer.timeline()));
        writer.fact("cpus", "4");
        assertEquals(new SchedulerStats.Parallelism(4, "hardware threads"), SchedulerStats.parallelismOf(writer.timeline()));
    }

    /**
     * The latency panel's waits come from an index built once per model version: on a real
     * recording, over the whole range and parts of it, they are exactly the RUNNABLE spans that
     * began in the range, as a walk over every virtual lane finds them.
     */
    @Test
    void runnableWaitsInARangeAreTheRunnableSpansThatBeganInIt() {
        Timeline timeline = dev.loomscope.core.testing.SampleRecordings.timeline(
                dev.loomscope.core.testing.SampleRecordings.starvedWithAgent());
        long end = timeline.durationNanos();
        for (long[] range : new long[][] {{0, end + 1}, {end / 4, end / 2}, {end / 3, end / 3 + 1_000_000}, {end, end + 1}}) {
            List<Long> walked = new java.util.ArrayList<>();
            for (Lane lane : timeline.lanes()) {
                for (int i = 0; lane.isVirtual() && i < lane.spanCount(); i++) {
                    if (lane.spanState(i) == ThreadState.RUNNABLE && lane.spanStart(i) >= range[0] && lane.spanStart(i) < range[1]) {
                        walked.add(lane.spanEnd(i) - lane.spanStart(i));
                    }
                }
            }
            walked.sort(null);
            long[] indexed = SchedulerStats.runnableWaits(timeline, range[0], range[1]);
            assertEquals(walked, java.util.Arrays.stream(indexed).boxed().toList(), "waits begun in " + java.util.Arrays.toString(range));
        }
        org.junit.jupiter.api.Assertions.assertTrue(SchedulerStats.runnableWaits(timeline, 0, end + 1).length > 100,
                "the starved sample's threads wait for carriers");
    }
}
