package dev.loomscope.cli;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.ChildJvm;
import dev.loomscope.core.testing.ParkSites;
import dev.loomscope.core.threaddump.ThreadDumpFile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void recordsARunningJvmForAWhile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pipeline.jfr");
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            int code = cli.run("record", "--pid", String.valueOf(child.pid()), "--duration", "3s", "-o", file.toString());
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(child.process().isAlive(), "recording leaves the target running");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Wrote " + file), text);
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        assertTrue(timeline.lanes().stream().anyMatch(l -> l.name().equals("pipeline-source-0")));
        assertTrue(timeline.durationNanos() >= Duration.ofSeconds(2).toNanos(), "about the duration asked");
        assertTrue(Files.exists(ThreadDumpFile.besides(file)), "the thread dumps are kept beside it");
        // The target was still writing its last chunk: the file must still be whole for the JDK's
        // own parser (jfr, JMC), which refuses a chunk that says it is in progress.
        long events = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                recording.readEvent();
                events++;
            }
        }
        assertEquals(timeline.info().eventCounts().values().stream().mapToLong(Long::longValue).sum(), events,
                "the JDK's parser reads every event Loomscope read");
    }

    @Test
    void recordsAProgramFromStartToExit(@TempDir Path dir) throws Exception {
        Timeline timeline = recordPipeline(dir.resolve("run.jfr"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("exited with code 0"), text);
        assertTrue(timeline.lanes().stream().anyMatch(l -> l.name().equals("pipeline-sink") && l.ended()));
        assertTrue(timeline.info().has("loomscope.CarrierRuns"), "by default the agent batches the carriers' runs");
        assertTrue(timeline.carrierLanes().stream().allMatch(c -> c.spanCount() > 0 && c.spanLink(0) >= 0),
                "so each carrier interval names the virtual thread it ran");
    }

    @Test
    void withoutTheAgentTheCarriersComeFromMethodTraces(@TempDir Path dir) throws Exception {
        Timeline timeline = recordPipeline(dir.resolve("plain.jfr"), "--no-agent");
        assertFalse(timeline.info().has("loomscope.AgentStatus"), "no agent loaded");
        assertTrue(!timeline.carrierLanes().isEmpty() && timeline.carrierLanes().stream().allMatch(c -> c.spanCount() > 0),
                "the carriers' busy intervals, from VirtualThread.runContinuation traces");
    }

    @Test
    void withTheAgentAProgramsCarriersAreExact(@TempDir Path dir) throws Exception {
        Timeline timeline = recordPipeline(dir.resolve("agent.jfr"), "--agent-full");
        assertTrue(ParkSites.placed(timeline, "dev.loomscope.samples.pipeline"),
                "every park of every thread is in the recording, placed at the pipeline's blocking calls");
        assertTrue(timeline.carrierLanes().stream().allMatch(c -> c.spanCount() > 0 && c.spanLink(0) >= 0));
    }

    /** {@code loomscope record [options] -o file -- java ... Pipeline}: the sample, 100 items, as a user runs it. */
    private Timeline recordPipeline(Path file, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("record", "-o", file.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", "100", "--sink-millis", "1"));
        int code = cli.run(args.toArray(String[]::new));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return RecordingLoader.load(file, LoadMonitor.NONE);
    }

    @Test
    void aProgramsRecordingIsBoundedOnDiskAndSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bounded.jfr");
        int code = cli.run("record", "-o", file.toString(), "--max-size", "300m", "--max-age", "2h", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", "100", "--sink-millis", "1");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Kept the newest 300 MB, 2 h at most"));
        RecordedEvent active = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().equals("jdk.ActiveRecording") && "loomscope".equals(e.getString("name"))) {
                    active = e;
                }
            }
        }
        assertNotNull(active, "the recording describes itself");
        assertEquals(300L << 20, active.getLong("maxSize"));
        assertEquals(Duration.ofHours(2), active.getDuration("maxAge"));
    }

    @Test
    void badArgumentsSayWhatIsExpected() {
        assertEquals(2, cli.run("record", "--pid", "abc", "-o", "x.jfr"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("process id"));
        assertEquals(2, cli.run("record", "--duration", "soon"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a duration is a number and a unit"));
        assertEquals(2, cli.run("record", "--max-size", "lots", "-o", "x.jfr", "--", "java", "Main"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a size is a number and a unit"));
    }
}
