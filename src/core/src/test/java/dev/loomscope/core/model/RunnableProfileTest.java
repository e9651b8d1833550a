package dev.loomscope.core.model;

import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnableProfileTest {

    @Test
    void theRunnableQueueMatchesAWalkOverEverySpanAtAnyRangeAndResolution() {
        for (Timeline timeline : new Timeline[] {
                SampleRecordings.timeline(SampleRecordings.carrierStarvationWithJdkProfile()),
                SampleRecordings.timeline(SampleRecordings.starvedWithAgent()),
                SampleRecordings.timeline(SampleRecordings.manyThreadsWithJdkProfile())}) {
            Random random = new Random(42);
            long length = timeline.durationNanos();
            double checked = 0;
            for (int round = 0; round < 40; round++) {
                long from = round == 0 ? 0 : (long) (random.nextDouble() * length * 0.9);
                long to = round == 0 ? length : from + 1 + (long) (random.nextDouble() * (length - from));
                int buckets = 1 + random.nextInt(round % 2 == 0 ? 900 : 7);
                double[] fast = SchedulerStats.runnableThreads(timeline, from, to, buckets);
                double[] walked = walk(timeline, from, to, buckets);
                for (int b = 0; b < buckets; b++) {
                    assertEquals(walked[b], fast[b], 1e-6 * Math.max(1, walked[b]), "bucket " + b + " of " + from + ":" + to);
                    checked += walked[b];
                }
            }
            assertTrue(checked > 0, "the recordings have threads waiting for carriers to compare");
        }
    }

    @Test
    void theProfileIsBuiltOncePerModelVersion() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.carrierStarvationWithJdkProfile());
        SchedulerStats.runnableThreads(timeline, 0, timeline.durationNanos(), 10);
        RunnableProfile first = timeline.runnableProfile;
        SchedulerStats.runnableThreads(timeline, 0, timeline.durationNanos() / 2, 300);
        assertSame(first, timeline.runnableProfile, "another range, the same model: no rebuild");
    }

    /** The definition: each RUNNABLE span's share of every bucket it covers, summed. */
    private static double[] walk(Timeline timeline, long from, long to, int buckets) {
        double[] depth = new double[buckets];
        double width = (double) (to - from) / buckets;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) != ThreadState.RUNNABLE) {
                    continue;
                }
                long s = Math.max(from, lane.spanStart(i));
                long e = Math.min(to, lane.spanEnd(i));
                for (int b = Math.max(0, (int) ((s - from) / width) - 1); b < buckets && from + b * width < e; b++) {
                    double b0 = from + b * width;
                    double overlap = Math.min(e, b0 + width) - Math.max(s, b0);
                    if (overlap > 0) {
                        depth[b] += overlap / width;
                    }
                }
            }
        }
        return depth;
    }
}
