package dev.loomscope.bench;

import dev.loomscope.core.model.LodSpans;
import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.model.ViewportQuery;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * DESIGN.md budget: "viewport query: at most 2 ms for 100 lanes x 2000 px over 20 million spans".
 * A frame is what the Threads view does per repaint: one query per visible lane. Measured over the
 * whole recording (every span in view, the worst case), a 1% window and a 0.01% window.
 */
final class QueryBenchmark {
    private static final int LANES = 100;
    private static final int SPANS_PER_LANE = 200_000;
    private static final int PIXELS = 2000;
    private static final int FRAMES = 30;

    void run() {
        long before = Benchmarks.usedHeapAfterGc();
        Timeline timeline = synthetic();
        long duration = timeline.durationNanos();
        ViewportQuery query = new ViewportQuery();
        LodSpans out = new LodSpans();

        long coldStart = System.nanoTime();
        frame(timeline, query, out, 0, duration); // builds every lane's summaries
        double coldMs = (System.nanoTime() - coldStart) / 1e6;
        long withSummaries = Benchmarks.usedHeapAfterGc();

        System.out.println("## Viewport query\n");
        System.out.printf("%,d lanes x %,d spans = %,d spans; %d px wide; median of %d frames.%n", LANES,
                SPANS_PER_LANE, timeline.spanCount(), PIXELS, FRAMES);
        System.out.printf("Heap: %.1f bytes per span, level-of-detail summaries included (budget 32). Finishing the "
                + "model (summaries built) took %.0f ms; the first frame after it %.0f ms.%n%n",
                (double) (withSummaries - before) / timeline.spanCount(), finishMs, coldMs);
        System.out.println("| visible range | spans in view | ms per frame (100 lanes) | budget 2 ms |");
        System.out.println("|---|---|---|---|");
        for (double share : new double[] {1.0, 0.1, 0.01, 0.003, 0.001, 0.0001}) {
            long width = (long) (duration * share);
            long from = (duration - width) / 2;
            frame(timeline, query, out, from, from + width); // warm-up
            frame(timeline, query, out, from, from + width);
            double[] ms = new double[FRAMES];
            for (int f = 0; f < FRAMES; f++) {
                long start = System.nanoTime();
                frame(timeline, query, out, from, from + width);
                ms[f] = (System.nanoTime() - start) / 1e6;
            }
            double median = Benchmarks.median(ms);
            System.out.printf("| %s of the recording | ~%,d | %.2f | %s |%n", share == 1.0 ? "all" : (share * 100) + " %",
                    (long) (timeline.spanCount() * share), median, median <= 2 ? "met" : "MISSED");
        }
        System.out.println();
    }

    private static long frame(Timeline timeline, ViewportQuery query, LodSpans out, long from, long to) {
        long drawn = 0;
        for (int lane = 0; lane < LANES; lane++) {
            query.query(timeline.lane(lane), from, to, PIXELS, out);
            drawn += out.size();
        }
        return drawn;
    }

    /** 100 lanes of 200 000 spans each: random states, lengths from 1 µs to 1 ms, small gaps. */
    private double finishMs;

    private Timeline synthetic() {
        TimelineWriter writer = new TimelineWriter();
        SplittableRandom random = new SplittableRandom(1);
        ThreadState[] states = {ThreadState.BLOCKED_SEND, ThreadState.BLOCKED_RECV, ThreadState.SLEEPING,
            ThreadState.WAITING, ThreadState.IO, ThreadState.BLOCKED_LOCK};
        long end = 0;
        for (int l = 0; l < LANES; l++) {
            int lane = writer.lane(l + 1, "lane-" + l, true, 0);
            writer.started(lane, 0);
            long t = 0;
            for (int s = 0; s < SPANS_PER_LANE; s++) {
                t += random.nextInt(2_000);
                long length = 1_000 + random.nextInt(random.nextBoolean() ? 10_000 : 1_000_000);
                writer.span(lane, t, t + length, states[random.nextInt(states.length)], false, -1, -1);
                t += length;
            }
            writer.ended(lane, t);
            end = Math.max(end, t);
        }
        long start = System.nanoTime();
        Timeline timeline = writer.finish(new RecordingInfo("synthetic", 0, end, 0, Map.of(), AgentStatus.ABSENT, List.of()));
        finishMs = (System.nanoTime() - start) / 1e6;
        return timeline;
    }
}
