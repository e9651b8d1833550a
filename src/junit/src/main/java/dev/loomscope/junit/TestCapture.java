package dev.loomscope.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.loomscope.core.capture.RecordingSettings;
import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.jfr.EventInterpreter;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import jdk.jfr.Configuration;
import jdk.jfr.consumer.RecordingStream;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One test's concurrency, captured in its own JVM: a JFR stream with Loomscope's settings from the
 * test's start, thread dumps (virtual threads included) at its start and end, built into a
 * timeline the detectors read as they read a file.
 */
final class TestCapture {
    /** A finding about threads the test started, with those threads. */
    record Problem(Finding finding, List<Lane> threads, Timeline timeline) {
    }

    /** Findings about objects (futures) the capture saw created, not about threads: never someone else's. */
    private static final Set<String> ABOUT_THE_TESTS_OBJECTS = Set.of("unobserved-failure");

    private final Set<Long> existing;
    private final long origin;
    private final TimelineWriter writer = new TimelineWriter();
    private final EventInterpreter interpreter;
    private final RecordingStream stream;

    private TestCapture(Set<Long> existing, long origin, RecordingStream stream) {
        this.existing = existing;
        this.origin = origin;
        this.interpreter = new EventInterpreter(writer, origin);
        this.stream = stream;
        // The stream hands events to one thread at a time, in its own thread: nothing else writes.
        stream.onEvent(interpreter::accept);
    }

    static TestCapture start() throws IOException {
        Set<Long> existing = new HashSet<>();
        dump().threads().forEach(t -> existing.add(t.tid()));
        RecordingStream stream = new RecordingStream();
        stream.setSettings(settings());
        TestCapture capture = new TestCapture(existing, epochNanos(Instant.now()), stream);
        stream.startAsync();
        return capture;
    }

    /**
     * Ends the capture and returns the findings at {@code gate} or above about threads the test
     * started (none that existed before it, none the JVM runs for itself, none in {@code ignored}).
     */
    List<Problem> finish(Map<String, Double> thresholds, List<String> ignored, Severity gate) throws IOException {
        stream.stop(); // returns once every event recorded so far was handed to the interpreter
        stream.close();
        ThreadDump end = atOnce(dump()); // after the stream: the dump is the last word on every thread
        // The dump was taken after the stream stopped, so it is the last word on every thread; JFR's
        // clock and the dump's may disagree by a millisecond, so its instants are moved to the end.
        long skew = Math.max(0, interpreter.latestEnd() - DumpMerge.lastInstant(end, origin));
        long duration = DumpMerge.lastInstant(end, origin - skew);
        interpreter.finish(duration);
        DumpMerge.merge(end, writer, origin - skew);
        Timeline timeline = writer.finish(new RecordingInfo("this test", origin, duration, 1, interpreter.counts(),
                interpreter.agentStatus(), List.of()));
        Analysis.Result result = Analysis.run(timeline, thresholds, Detectors.builtIn());
        List<Pattern> ignore = ignored.stream().map(Pattern::compile).toList();
        List<Problem> problems = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (finding.severity().compareTo(gate) < 0) {
                continue;
            }
            List<Lane> ours = new ArrayList<>();
            for (int id : finding.lanes()) {
                Lane lane = timeline.lane(id);
                if (!existing.contains(lane.javaThreadId()) && LaneGroup.kindOf(lane) != LaneGroup.Kind.JVM
                        && ignore.stream().noneMatch(p -> p.matcher(lane.name()).find())) {
                    ours.add(lane);
                }
            }
            if (!ours.isEmpty()) {
                problems.add(new Problem(finding, ours, timeline));
            } else if (ABOUT_THE_TESTS_OBJECTS.contains(finding.kind())) {
                // A future the capture saw fail was made during the test, even when a pool thread
                // older than the test ran the stage that failed.
                problems.add(new Problem(finding, finding.lanes().stream().map(timeline::lane).toList(), timeline));
            }
        }
        return problems;
    }

    /**
     * The dump as one instant, its last: it was taken after the test and the stream ended, so what
     * it says of each thread holds to the end (a file's or a live session's dump reads each
     * thread's own instant instead, since the program runs on while it is taken).
     */
    private static ThreadDump atOnce(ThreadDump dump) {
        Instant last = dump.threads().stream().map(ThreadDump.DumpedThread::time).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).filter(t -> t.isAfter(dump.time())).orElse(dump.time());
        return new ThreadDump(last, dump.threads().stream().map(t -> new ThreadDump.DumpedThread(t.tid(), null, t.name(),
                t.virtual(), t.state(), t.blocker(), t.owns(), t.frames())).toList());
    }

    /** The JDK's {@code default} settings with Loomscope's overlay on top, as {@code loomscope record} records. */
    private static Map<String, String> settings() throws IOException {
        try {
            Map<String, String> settings = new HashMap<>(Configuration.getConfiguration(RecordingSettings.BASE).getSettings());
            settings.putAll(Configuration.create(RecordingSettings.overlayFile()).getSettings());
            return settings;
        } catch (ParseException e) {
            throw new IOException("Loomscope's settings could not be read: " + e.getMessage(), e);
        }
    }

    /** Every thread of this JVM, virtual threads included, with its stack and what it waits on. */
    private static ThreadDump dump() throws IOException {
        Path dir = Files.createTempDirectory("loomscope-test-dump");
        Path file = dir.resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return ThreadDump.read(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
