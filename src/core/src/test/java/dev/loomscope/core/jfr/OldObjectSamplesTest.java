package dev.loomscope.core.jfr;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.model.Lane;
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
 * An old-object sample is committed at the recording's end on behalf of the thread that allocated
 * the object: it says that thread ran when it allocated, not at the end. Read at its own time, it
 * made {@link RetainThenWaitProgram}'s retainer, waiting for good since its allocations, look
 * active at the end (and a never-completed future's platform waiter drop out of its finding in the
 * runs where the sampler picked one of its allocations).
 */
class OldObjectSamplesTest {
    @Test
    void anOldObjectSampleIsEvidenceAtItsAllocationNotAtTheEnd(@TempDir Path dir) throws Exception {
        ProgramRecorder.Result run = ProgramRecorder.record(List.of("-cp", System.getProperty("java.class.path"),
                RetainThenWaitProgram.class.getName()), dir.resolve("retain.jfr"), Duration.ofSeconds(60));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(EventCounts.of(run.recording(), "jdk.OldObjectSample", "retainer") > 0, "the sampler kept some of the retainer's 40,000 arrays");

        Timeline timeline = RecordingLoader.load(run.recording(), LoadMonitor.NONE);
        Lane retainer = timeline.lanes().stream().filter(l -> l.name().equals("retainer")).findFirst().orElseThrow();
        long waited = timeline.durationNanos() - retainer.lastSeen();
        assertTrue(waited >= Duration.ofMillis(1_000).toNanos(),
                "main exited 1.5 s after the retainer began to wait; last seen " + waited / 1_000_000 + " ms before the end");
    }
}
