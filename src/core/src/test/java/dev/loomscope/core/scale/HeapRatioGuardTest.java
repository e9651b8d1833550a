package dev.loomscope.core.scale;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coarse guard, not a benchmark ({@code ./loomscope bench scale} is that): the model of tens of
 * thousands of short-lived threads must keep a small multiple of its file in heap. A count of live
 * bytes after full collections, not a timing. Measured 2026-12-05 on the {@code bench scale} files:
 * 4.0-4.7x the file before small ended lanes shared their span columns (a lane, a columns object
 * with four arrays and a name string per thread), 1.7-2.0x after. The bound, 3x, fails a return to
 * an object graph per thread and leaves room for a collector's slack.
 */
class HeapRatioGuardTest {
    private static final double MAX_HEAP_RATIO = 3;

    @Test
    void aModelOfManyShortLivedThreadsKeepsASmallMultipleOfItsFile() throws IOException {
        Path file = SampleRecordings.manyThreadsWithJdkProfile();
        RecordingLoader.load(file, LoadMonitor.NONE); // classes loaded, caches filled: not counted below
        long before = usedAfterFullCollections();
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        long retained = usedAfterFullCollections() - before;
        long size = Files.size(file);
        String measured = String.format("%s: %,d threads, file %.1f MB, model %.1f MB (%.2fx)", file.getFileName(),
                timeline.laneCount(), size / 1e6, retained / 1e6, (double) retained / size);
        System.out.println(measured);
        assertTrue(timeline.laneCount() > SampleRecordings.MANY_THREADS, "the fixture's threads: " + measured);
        assertTrue(retained <= MAX_HEAP_RATIO * size, "the model's heap: " + measured);
    }

    private static long usedAfterFullCollections() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the least of three: what a collection left alive, without floating garbage
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
