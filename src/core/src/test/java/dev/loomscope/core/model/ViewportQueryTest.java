package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewportQueryTest {
    private final ViewportQuery query = new ViewportQuery();
    private final LodSpans out = new LodSpans();

    @Test
    void wideSpansComeBackWhole() {
        Lane lane = lane(0, 1_000);
        lane.spansToWrite().add(100, 600, ThreadState.BLOCKED_RECV.code(), 7, -1);

        query.query(lane, 0, 1_000, 100, out);

        int i = out.indexAt(300);
        assertEquals(ThreadState.BLOCKED_RECV, out.state(i));
        assertEquals(100, out.start(i));
        assertEquals(600, out.end(i));
        assertEquals(0, out.spanIndex(i));
        assertEquals(ThreadState.RUNNING, out.state(out.indexAt(50)), "gaps are the lane's gap state");
        assertTrue(out.inferred(out.indexAt(50)));
    }

    @Test
    void manyNarrowSpansInOnePixelMergeIntoOneWithTheDominantState() {
        Lane lane = lane(0, 1_000);
        // Pixel 0 of 10 covers [0, 100): 60 ns sleeping, 20 ns I/O, 20 ns gap (running).
        lane.spansToWrite().add(0, 30, ThreadState.SLEEPING.code(), -1, -1);
        lane.spansToWrite().add(30, 50, ThreadState.IO.code(), -1, -1);
        lane.spansToWrite().add(70, 100, ThreadState.SLEEPING.code(), -1, -1);

        query.query(lane, 0, 1_000, 10, out);

        int first = out.indexAt(10);
        assertEquals(0, out.start(first));
        assertEquals(100, out.end(first));
        assertEquals(ThreadState.SLEEPING, out.state(first));
        int mix = out.stateMix(first);
        assertTrue((mix & 1 << ThreadState.IO.code()) != 0);
        assertTrue((mix & 1 << ThreadState.RUNNING.code()) != 0);
        assertTrue(out.isMerged(first));
        assertEquals(-1, out.spanIndex(first), "a merged pixel is no one span");
    }

    @Test
    void neverMoreSpansThanPixelsAndTheRangeIsCoveredInOrder() {
        Lane lane = lane(0, 1_000_000);
        java.util.Random random = new java.util.Random(7);
        long t = 0;
        while (t < 1_000_000) {
            long length = 1 + random.nextInt(random.nextBoolean() ? 50 : 20_000);
            long gap = random.nextInt(30);
            ThreadState state = ThreadState.ofCode(1 + random.nextInt(10));
            lane.spansToWrite().add(t + gap, Math.min(1_000_000, t + gap + length), state.code(), -1, -1);
            t += gap + length;
        }
        int pixels = 800;
        query.query(lane, 0, 1_000_000, pixels, out);

        assertTrue(out.size() <= pixels + 1, "no more spans than pixels, got " + out.size());
        assertCoveredInOrder(0, 1_000_000, 1_000_000 / pixels);
    }

    @Test
    void zoomedOutManySpansAreDrawnFromTheSummariesWithTheRightColours() {
        Lane lane = lane(0, 10_000_000);
        // 100 000 spans of 60 ns in every 100 ns: sleeping in the first half, I/O in the second.
        for (long t = 0; t < 10_000_000; t += 100) {
            ThreadState state = t < 5_000_000 ? ThreadState.SLEEPING : ThreadState.IO;
            lane.spansToWrite().add(t, t + 60, state.code(), -1, -1);
        }
        assertTrue(lane.summaries() != null && lane.summaries().levelFor(10_000_000 / 500.0) > 0,
                "a view 500 px wide reads a summary level");

        query.query(lane, 0, 10_000_000, 500, out);

        assertTrue(out.size() <= 501, "no more spans than pixels, got " + out.size());
        for (int i = 0; i < out.size(); i++) {
            long mid = (out.start(i) + out.end(i)) / 2;
            if (Math.abs(mid - 5_000_000) > 100_000) {
                assertEquals(mid < 5_000_000 ? ThreadState.SLEEPING : ThreadState.IO, out.state(i), "at " + mid);
                assertTrue(out.isMerged(i));
                assertTrue((out.stateMix(i) & 1 << ThreadState.RUNNING.code()) != 0, "the gaps are in the mix");
            }
        }
        assertCoveredInOrder(0, 10_000_000, 10_000_000 / 500);
    }

    /** Sorted by start, no holes, and neighbours overlap by at most one pixel. */
    private void assertCoveredInOrder(long from, long to, long pixel) {
        assertEquals(from, out.start(0));
        assertEquals(to, out.end(out.size() - 1));
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.start(i) >= out.start(i - 1), "sorted at " + i);
            assertTrue(out.start(i) <= out.end(i - 1), "no hole before " + i);
            assertTrue(out.end(i - 1) - out.start(i) <= pixel + 1, "overlap under a pixel at " + i);
        }
    }

    @Test
    void aCarrierBusyAFewPercentOfTheTimeIsDrawnAtEveryZoom() {
        // A carrier lane: no gap state, its gaps are idle. 1 000 runs of 35 us, one every ms: 3.5 % busy.
        Lane carrier = new Lane(0, 1, "ForkJoinPool-1-worker-1", false, 0, null, ThreadNames.UNSHARED);
        for (long t = 0; t < 1_000_000_000; t += 1_000_000) {
            carrier.spansToWrite().add(t, t + 35_000, ThreadState.RUNNING.code(), -1, 7);
            carrier.seen(t, t + 35_000, -1);
        }
        carrier.advance(1_000_000_000);
        for (int pixels : new int[] {200, 1_000, 4_000}) {
            query.query(carrier, 0, 1_000_000_000, pixels, out);
            assertTrue(out.size() >= pixels / 10, pixels + " px: the busy slivers are drawn, got " + out.size());
            for (int i = 0; i < out.size(); i++) {
                assertEquals(ThreadState.RUNNING, out.state(i), "only busy time is drawn, at " + out.start(i));
            }
        }
        double[] busy = SchedulerStats.busyCarriers(timelineOf(carrier), 0, 1_000_000_000, 100);
        assertEquals(0.035, java.util.Arrays.stream(busy).average().orElse(0), 1e-9, "what the chart plots");
    }

    @Test
    void aLaneLongerThanAnIntOfNanosecondsIsDrawnFromItsSummariesAtTheRightPlaces() {
        long born = 5_000_000_000L;
        long life = 100_000_000_000L; // 100 s: its summaries' runs start at offsets in units of 47 ns
        Lane lane = lane(born, born + life);
        // 100 000 spans of 600 us in every ms: sleeping for the first 37 s, I/O after.
        long change = born + 37_000_000_000L;
        for (long t = born; t < born + life; t += 1_000_000) {
            lane.spansToWrite().add(t, t + 600_000, (t < change ? ThreadState.SLEEPING : ThreadState.IO).code(), -1, -1);
        }
        for (long[] view : new long[][] {{born, born + life, 1_000}, {change - 50_000_000, change + 50_000_000, 10}}) {
            long pixel = (view[1] - view[0]) / view[2];
            assertTrue(lane.summaries().levelFor(pixel) > 0, "a view of " + pixel + " ns a pixel reads a summary level");

            query.query(lane, view[0], view[1], (int) view[2], out);

            assertCoveredInOrder(view[0], view[1], pixel);
            int firstIo = 0;
            while (out.state(firstIo) != ThreadState.IO) {
                firstIo++;
            }
            assertTrue(Math.abs(out.start(firstIo) - change) <= 2 * pixel,
                    "the change drawn at " + out.start(firstIo) + ", made at " + change + ", " + pixel + " ns a pixel");
            for (int i = 0; i < out.size(); i++) {
                long mid = (out.start(i) + out.end(i)) / 2;
                if (Math.abs(mid - change) > 2 * pixel) {
                    assertEquals(mid < change ? ThreadState.SLEEPING : ThreadState.IO, out.state(i), "at " + mid);
                }
                assertEquals(-1, out.widestSpan(i), "a thread's pixel names no span");
            }
        }
    }

    @Test
    void aCarrierPixelDrawnFromItsSummariesNamesTheSpanThatRanMostOfIt() {
        Lane carrier = new Lane(0, 1, "ForkJoinPool-1-worker-1", false, 0, null, ThreadNames.UNSHARED);
        // Per 100 us: 60 us of thread 7, then 30 us of thread 8.
        for (long t = 0; t < 100_000_000; t += 100_000) {
            carrier.spansToWrite().add(t, t + 60_000, ThreadState.RUNNING.code(), -1, 7);
            carrier.spansToWrite().add(t + 60_000, t + 90_000, ThreadState.RUNNING.code(), -1, 8);
            carrier.seen(t, t + 90_000, -1);
        }
        carrier.advance(100_000_000);
        assertTrue(carrier.summaries().levelFor(100_000_000 / 200.0) > 0, "a view 200 px wide reads a summary level");

        query.query(carrier, 0, 100_000_000, 200, out);

        for (int i = 0; i < out.size(); i++) {
            int widest = out.widestSpan(i);
            assertTrue(widest >= 0, "pixel " + i + " names a span");
            assertEquals(7, carrier.spanLink(widest), "the thread that ran most of pixel " + i);
        }
    }

    private static Timeline timelineOf(Lane carrier) {
        Timeline timeline = new Timeline();
        timeline.carriers.add(carrier);
        return timeline;
    }

    @Test
    void nothingOutsideTheLifetime() {
        Lane lane = lane(500, 600);
        query.query(lane, 0, 400, 100, out);
        assertEquals(0, out.size());
        query.query(lane, 0, 1_000, 100, out);
        assertEquals(500, out.start(0));
        assertEquals(600, out.end(out.size() - 1));
    }

    private static Lane lane(long start, long end) {
        Lane lane = new Lane(0, 1, "t", true, 0, ThreadState.RUNNING, ThreadNames.UNSHARED);
        lane.started(start);
        lane.ended(end);
        return lane;
    }
}
