package dev.loomscope.plugins.saturation;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutorSaturationDetectorTest {
    private final ExecutorSaturationDetector detector = new ExecutorSaturationDetector();

    @Test
    void aPoolWhoseWorkersAllWaitOnEachOtherIsSaturated() {
        List<Finding> findings = Analysis.run(SampleRecordings.timeline(SampleRecordings.poolStarve()), Map.of(),
                List.of(detector)).findings();
        assertEquals(1, findings.size(), findings.toString());
        Finding saturated = findings.getFirst();
        assertEquals(Set.of("poolstarve-worker-0", "poolstarve-worker-1", "poolstarve-worker-2", "poolstarve-worker-3"),
                Set.copyOf(saturated.threads()));
        assertTrue(saturated.endNanos() - saturated.startNanos() >= 1_500_000_000L, "the 2 s the workers waited");
        assertEquals("executor-saturation", saturated.detector());
    }

    /**
     * Its workers wait for work a millisecond or two at a time, below every park threshold: the
     * recording shows no idle worker, and nothing busy either.
     */
    @Test
    void aPoolHalfBusyWithShortTasksIsNotSaturated() {
        for (SampleRecordings.Capture capture : SampleRecordings.Capture.values()) {
            assertEquals(List.of(), Analysis.run(SampleRecordings.timeline(SampleRecordings.corpus("HealthyBusyPool", capture)),
                    Map.of(), List.of(detector)).findings(), capture.name());
        }
    }

    @Test
    void theHealthyServiceIsNotSaturated() {
        assertEquals(List.of(), Analysis.run(SampleRecordings.timeline(SampleRecordings.healthy()), Map.of(),
                List.of(detector)).findings());
    }
}
