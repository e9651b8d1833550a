package dev.loomscope.core.scale;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coarse guard, not a benchmark ({@code ./loomscope bench ingest} is that): building the model and
 * analysing it must cost a small multiple of a bare {@link RecordingFile} read of the same file, one
 * with many events on few threads and one with tens of thousands of short-lived threads. Times are
 * only ever compared with each other, measured alternately in this JVM, the best of each kept, so a
 * slow or busy machine slows both sides. Measured on 2026-12-03 (2 cores): the pipeline 2.2x and
 * 3.1x, 50,000 threads 3.5x and 8.0x; but on 2026-12-04, at the end of a whole CI run in the same
 * JVM, 50,000 threads measured 11.4x and 14.9x, and 3.6x to 5.1x run alone: on files read in tens
 * of milliseconds the JIT's and the collector's state weigh more than the code. So the bounds are
 * loose, 25x and 40x, and still catch what the guard is for: a quadratic step over 50,000 threads
 * is 2.5 billion steps, seconds against a 30-60 ms read (a List.contains over the starvation
 * victims once took analyze 172 s on a million threads, 10 s after the fix).
 */
class CostRatioGuardTest {
    private static final int ROUNDS = 5;
    private static final double MAX_LOAD_RATIO = 25;
    private static final double MAX_ANALYSIS_RATIO = 40;

    @Test
    void aRecordingOfFewThreadsAndManyEventsCostsASmallMultipleOfABareRead() throws IOException {
        guard(SampleRecordings.pipeline());
    }

    @Test
    void aRecordingOfManyShortLivedThreadsCostsASmallMultipleOfABareRead() throws IOException {
        guard(SampleRecordings.manyThreadsWithJdkProfile());
    }

    private static void guard(Path file) throws IOException {
        long bare = Long.MAX_VALUE;
        long load = Long.MAX_VALUE;
        long analysis = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            bareRead(file);
            long t1 = System.nanoTime();
            Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
            long t2 = System.nanoTime();
            Analysis.run(timeline, Map.of(), Detectors.builtIn());
            long t3 = System.nanoTime();
            bare = Math.min(bare, t1 - t0);
            load = Math.min(load, t2 - t1);
            analysis = Math.min(analysis, t3 - t1);
        }
        String measured = String.format("%s: bare read %.0f ms, model %.0f ms (%.1fx), model and detectors %.0f ms (%.1fx)",
                file.getFileName(), bare / 1e6, load / 1e6, (double) load / bare, analysis / 1e6, (double) analysis / bare);
        System.out.println(measured);
        assertTrue(load <= MAX_LOAD_RATIO * bare, "building the model: " + measured);
        assertTrue(analysis <= MAX_ANALYSIS_RATIO * bare, "analysing: " + measured);
    }

    private static long bareRead(Path file) throws IOException {
        long events = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                recording.readEvent();
                events++;
            }
        }
        return events;
    }
}
