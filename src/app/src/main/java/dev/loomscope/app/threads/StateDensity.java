package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.core.model.LodSpans;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.ViewportQuery;
import javafx.scene.canvas.GraphicsContext;

import java.util.List;

/**
 * Many lanes in one strip: per pixel, how many of them were in each state, stacked. Drawn from an
 * even sample of at most a given number of lanes, so a strip costs the same for ten threads or a
 * million: the overview of the whole recording, and a folded group of similar threads.
 */
final class StateDensity {
    /** Bottom to top: what a user looks for first lies at the bottom. */
    private static final ThreadState[] DRAW_ORDER = {
        ThreadState.PINNED, ThreadState.BLOCKED_LOCK, ThreadState.BLOCKED_SEND, ThreadState.BLOCKED_RECV,
        ThreadState.BLOCKED_FUTURE, ThreadState.IO, ThreadState.SLEEPING, ThreadState.RUNNABLE,
        ThreadState.RUNNING, ThreadState.RUNNING_OR_RUNNABLE, ThreadState.RUNNING_OR_BRIEFLY_BLOCKED, ThreadState.WAITING,
        ThreadState.UNKNOWN};

    private final ViewportQuery query = new ViewportQuery();
    private final LodSpans spans = new LodSpans();
    /** Counts by pixel and state code, reused from strip to strip. */
    private int[][] counts = new int[0][];
    private int pixels;

    /**
     * Counts the states of an even sample of at most {@code maxLanes} of {@code lanes} over
     * {@code [from, to)} at {@code pixels} pixels. Call with the timeline's read lock held.
     */
    void count(Timeline timeline, List<Integer> lanes, long from, long to, int pixels, int maxLanes) {
        if (counts.length < pixels) {
            counts = new int[pixels][ThreadState.count()];
        }
        for (int p = 0; p < pixels; p++) {
            java.util.Arrays.fill(counts[p], 0);
        }
        this.pixels = pixels;
        double scale = (double) pixels / Math.max(1, to - from);
        int step = Math.max(1, lanes.size() / maxLanes);
        for (int k = 0; k < lanes.size(); k += step) {
            query.query(timeline.lane(lanes.get(k)), from, to, pixels, spans);
            for (int i = 0; i < spans.size(); i++) {
                int p0 = (int) ((spans.start(i) - from) * scale);
                int p1 = Math.min(pixels, Math.max(p0 + 1, (int) Math.ceil((spans.end(i) - from) * scale)));
                for (int p = Math.max(0, p0); p < p1; p++) {
                    counts[p][spans.state(i).code()]++;
                }
            }
        }
    }

    /** The most lanes counted in one pixel (at least 1). */
    int peak() {
        int max = 1;
        for (int p = 0; p < pixels; p++) {
            int total = 0;
            for (int c : counts[p]) {
                total += c;
            }
            max = Math.max(max, total);
        }
        return max;
    }

    /**
     * Draws the counts from {@code left}, a pixel a column, stacked up from {@code bottom}, a lane
     * {@code unit} pixels tall.
     */
    void draw(GraphicsContext g, double left, double bottom, double unit) {
        for (int p = 0; p < pixels; p++) {
            double y = bottom;
            for (ThreadState s : DRAW_ORDER) {
                int n = counts[p][s.code()];
                if (n > 0) {
                    g.setFill(StatePalette.color(s));
                    g.fillRect(left + p, y - n * unit, 1, n * unit);
                    y -= n * unit;
                }
            }
        }
    }
}
