package dev.loomscope.core.jfr;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.EventCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jdk.ThreadCPULoad} names the measured thread as its event thread and is committed by JFR's
 * periodic thread, every 10 s with the JDK's settings, while the measured thread may be parked:
 * read as an event of that thread, it drew a platform thread parked for good running until the
 * next measurement (10 s of a 25 s recording). Recorded here with the JDK's default settings and
 * a 1 s period, as a long recording would have it.
 */
class ThreadCpuLoadTest {
    @Test
    void aCpuLoadMeasurementIsNotEvidenceOfItsThreadAtItsTime(@TempDir Path dir) throws Exception {
        ProgramRecorder.Result run = ProgramRecorder.recordWithSettings("settings=default,jdk.ThreadCPULoad#period=1s",
                List.of("-cp", System.getProperty("java.class.path"), SpinThenParkProgram.class.getName()),
                dir.resolve("spin.jfr"), Duration.ofSeconds(60));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(EventCounts.of(run.recording(), "jdk.ThreadCPULoad", "spinner") > 0, "JFR measured the spinner's CPU at least once");

        Timeline timeline = RecordingLoader.load(run.recording(), LoadMonitor.NONE);
        Lane spinner = lane(timeline, "spinner");
        Lane main = lane(timeline, "main");
        // Main's 3 s sleep began after it saw the spinner parked: the spinner ran none of it.
        long sleepStart = -1;
        for (int i = 0; i < main.spanCount(); i++) {
            if (main.spanState(i) == ThreadState.SLEEPING && main.spanEnd(i) - main.spanStart(i) >= 2_900_000_000L) {
                sleepStart = main.spanStart(i);
            }
        }
        assertTrue(sleepStart > 0, "main's 3 s sleep is recorded");
        for (long t = sleepStart; t < timeline.durationNanos(); t += 10_000_000L) {
            assertTrue(spinner.stateAt(t) != ThreadState.RUNNING, "the spinner was parked at " + t + " ns");
        }
        assertTrue(spinner.lastSeen() < sleepStart, "last seen before main's sleep, not at a measurement during it");
    }

    private static Lane lane(Timeline timeline, String name) {
        return timeline.lanes().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
