package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.testing.SampleRecordings;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpFile;
import jdk.jfr.consumer.EventStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording streamed as a live session reads it (ordered, the timeline advanced and the held-back
 * facts settled at every flush, the write lock released between) ends as the same timeline as the
 * file loaded at once: a live refresh visits only the lanes that changed and the threads still
 * alive, and that must lose nothing.
 */
class StreamedAsLiveTest {
    @Test
    void theAgentsPipelineStreamedEndsAsTheFileLoaded() throws IOException {
        assertSameTimeline(SampleRecordings.pipelineWithAgent());
    }

    @Test
    void leakedThreadsWithBatchedRunsStreamedEndAsTheFileLoaded() throws IOException {
        assertSameTimeline(SampleRecordings.leakyWithBatchedRuns());
    }

    static void assertSameTimeline(Path file) throws IOException {
        Timeline loaded = RecordingLoader.load(file, LoadMonitor.NONE);
        Timeline streamed = streamAsLive(file, loaded.info());
        assertEquals(loaded.lanes().size(), streamed.lanes().size(), "lanes");
        Map<Long, Lane> streamedById = new HashMap<>();
        streamed.lanes().forEach(lane -> streamedById.put(lane.javaThreadId(), lane));
        for (Lane expected : loaded.lanes()) {
            String who = expected.displayName();
            Lane actual = streamedById.get(expected.javaThreadId()); // lanes are numbered in the order first seen
            assertTrue(actual != null, who + " streamed");
            assertEquals(expected.ended(), actual.ended(), who + ": ended");
            assertEquals(expected.lifeStart(), actual.lifeStart(), who + ": life start");
            assertEquals(expected.lifeEnd(), actual.lifeEnd(), who + ": life end");
            // State by state at every instant where either changes (the order events arrive in may
            // split a span where two of equal state overlap, which draws the same).
            for (Lane side : List.of(expected, actual)) {
                for (int k = 0; k < side.spanCount(); k++) {
                    for (long t : new long[] {side.spanStart(k), (side.spanStart(k) + side.spanEnd(k)) / 2}) {
                        assertEquals(expected.stateAt(t), actual.stateAt(t), () -> who + " at " + t + ": "
                                + spans(expected) + " / " + spans(actual)); // built only on failure: lanes can be long
                    }
                }
            }
        }
    }

    private static String spans(Lane lane) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < lane.spanCount(); s++) {
            text.append(String.format("[%d..%d %s%s] ", lane.spanStart(s), lane.spanEnd(s), lane.spanState(s),
                    lane.spanInferred(s) ? "?" : ""));
        }
        return text.toString();
    }

    /** What {@code LiveSession} does with its stream, on a file; the file's own info closes it. */
    private static Timeline streamAsLive(Path file, RecordingInfo fileInfo) throws IOException {
        TimelineWriter writer = new TimelineWriter();
        EventInterpreter interpreter = new EventInterpreter(writer, fileInfo.startEpochNanos());
        int[] flushes = {0};
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(true);
            stream.onEvent(interpreter::accept);
            stream.onFlush(() -> {
                long end = interpreter.latestEnd();
                interpreter.settle(end - EventInterpreter.SETTLE_NANOS);
                writer.advance(new RecordingInfo(file.toString(), fileInfo.startEpochNanos(), end, 1,
                        interpreter.counts(), interpreter.agentStatus(), List.of()));
                flushes[0]++;
            });
            stream.start();
        }
        assertTrue(flushes[0] >= 2, "the file was read in several flushes: " + flushes[0]);
        interpreter.finish(fileInfo.durationNanos());
        if (Files.isRegularFile(ThreadDumpFile.besides(file))) { // the exit dump, merged as the loader does
            for (ThreadDump dump : ThreadDumpFile.read(ThreadDumpFile.besides(file))) {
                DumpMerge.mergeAtEnd(dump, writer, fileInfo.startEpochNanos(), fileInfo.durationNanos());
            }
        }
        return writer.finish(fileInfo);
    }
}
