package dev.loomscope.core.detect;

import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The built-in detectors run side by side; a plugin runs on the thread that asked for the
 * analysis, which holds the timeline's read lock, so a plugin that takes the lock itself takes it
 * again on that thread and cannot wait behind a live session's writer. The result is the same
 * whichever order the detectors ran in.
 */
class AnalysisThreadsTest {
    @Test
    void aPluginRunsOnTheCallersThreadAndTheFindingsDoNotDependOnTheOrderOfRunning() {
        Timeline timeline = SampleRecordings.leakyTimeline();
        Thread[] ranOn = new Thread[1];
        Detector plugin = new Detector() {
            @Override
            public Info info() {
                return new Info("test-plugin", "Test plugin", "Takes the timeline's read lock itself.", List.of());
            }

            @Override
            public List<Finding> detect(DetectionContext context) {
                ranOn[0] = Thread.currentThread();
                return context.timeline().read(List::of);
            }
        };
        List<Detector> all = new ArrayList<>(Detectors.builtIn());
        all.add(plugin);
        Analysis.Result first = Analysis.run(timeline, Map.of(), all);
        assertSame(Thread.currentThread(), ranOn[0], "the plugin ran on the caller's thread");
        for (int round = 0; round < 5; round++) {
            assertEquals(first.findings(), Analysis.run(timeline, Map.of(), all).findings());
        }
        assertEquals(List.of(), first.failures());
    }
}
