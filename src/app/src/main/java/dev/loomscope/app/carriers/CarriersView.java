package dev.loomscope.app.carriers;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LodSpans;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.ViewportQuery;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The processor-style view: a lane per carrier thread showing what ran on it and, in a strip
 * below, the carrier thread's own states, over the same {@link Viewport} as the Threads view, with
 * the scheduler charts above and the latency panel beside. Each run has its virtual thread's own colour and, where it is wide enough, its name, so
 * switches show and one thread can be followed from carrier to carrier; hovering names it,
 * clicking jumps to its lane. Carriers beyond the scheduler's recorded parallelism (or
 * the hardware threads) are compensation workers (the pool adds them while others are pinned or
 * blocked) and say so.
 */
public final class CarriersView extends BorderPane {
    private static final double ROW = 28;
    /** A carrier's row: its runs on top, a strip of the carrier thread's own states below them. */
    private static final double RUN_TOP = 2;
    private static final double RUN_HEIGHT = 16;
    private static final double OWN_TOP = 20;
    private static final double OWN_HEIGHT = 5;
    private static final double LABEL = TimelineCanvas.LANE_LEFT;
    /** The width of a character of the lane font, generously: a name is drawn only where it fits whole. */
    private static final double CHAR_WIDTH = 6.5;

    private final Viewport viewport;
    private final SchedulerCharts charts = new SchedulerCharts();
    private final LatencyPanel latency = new LatencyPanel();
    private final TimelineCanvas canvas;
    private final ViewportQuery query = new ViewportQuery();
    private final LodSpans spans = new LodSpans();
    /** By carrier lane id: the lane of the carrier's own thread, or -1. */
    private int[] ownLane = new int[0];
    /** What the charts and the latency panel show now. */
    private ChartsKey chartsShown;

    private record ChartsKey(Timeline timeline, long version, long from, long to) {
    }
    private final BiConsumer<Integer, Long> onJump;
    private Timeline timeline;

    /** @param onJump called with a virtual thread's lane and an instant when the user clicks its run */
    public CarriersView(Viewport viewport, BiConsumer<Integer, Long> onJump) {
        this.viewport = viewport;
        this.onJump = onJump;
        this.canvas = new TimelineCanvas(viewport, "carriers", ROW, new Runs());
        setId("carriers-view");
        // The charts are tracks on the lanes' time axis: stacked above them, their plots spanning
        // exactly the lanes' width.
        canvas.setTracks(charts);
        setCenter(canvas);
        setRight(latency);
    }

    /** What the canvas draws: a lane per carrier, and which run the mouse is on. */
    private final class Runs implements TimelineCanvas.Content {
        @Override
        public void paint(GraphicsContext g, TimeAxis axis, double height, double scrollY) {
            g.setFill(canvas.theme().background());
            g.fillRect(0, 0, axis.width(), height);
            if (timeline != null) {
                // The charts follow the range and the model, not the rows: scrolling or a resize
                // of the lanes need not recompute them.
                ChartsKey key = new ChartsKey(timeline, timeline.version(), axis.from(), axis.to());
                if (!key.equals(chartsShown)) {
                    charts.update(timeline, viewport);
                    latency.update(SchedulerStats.runnableWaits(timeline, viewport.from(), viewport.to()));
                    chartsShown = key;
                }
                drawLanes(g, axis, height, scrollY);
            }
        }

        @Override
        public String hover(TimeAxis axis, double x, double y) {
            int c = canvas.rowAt(y);
            if (canvas.yInRow(y) >= OWN_TOP - 1 && c >= 0 && c < ownLane.length && ownLane[c] >= 0 && x >= LABEL) {
                return ownState(timeline.lane(ownLane[c]), axis.time(x));
            }
            long[] run = runAt(axis, x, y);
            if (run == null) {
                return null;
            }
            String who = run[0] >= 0 ? "carrying " + timeline.lane((int) run[0]).displayName()
                    : "busy (which virtual thread needs the agent)";
            return who + "\n" + TimeFormat.instant(run[1]) + " → " + TimeFormat.instant(run[2]) + "  ·  "
                    + TimeFormat.duration(run[2] - run[1]) + (run[0] >= 0 ? "\nclick: show it in Threads" : "");
        }

        @Override
        public void click(TimeAxis axis, double x, double y) {
            long[] run = timeline == null ? null : timeline.read(() -> runAt(axis, x, y));
            if (run != null && run[0] >= 0) {
                onJump.accept((int) run[0], (run[1] + run[2]) / 2);
            }
        }
    }

    /** Draws the lanes and the charts in {@code theme}'s colours. */
    public void setTheme(CanvasTheme theme) {
        charts.setTheme(theme);
        latency.setTheme(theme);
        canvas.setTheme(theme);
    }

    /** The timeline keys ({@link TimelineCanvas#handleKey}); the window forwards keys here while the tab is shown. */
    public void handleKey(KeyEvent e) {
        canvas.handleKey(e);
    }

    /** Shows {@code shown} (null for none), or the same one grown. */
    public void setTimeline(Timeline shown) {
        timeline = shown;
        ownLane = shown == null ? new int[0] : shown.read(() -> ownLanes(shown));
        canvas.setTimeline(shown);
        canvas.setRowCount(shown == null ? 0 : shown.read(() -> shown.carrierLanes().size()));
    }

    /** The utilization chart's unit, as shown (for tests): "% of P = n (source)". */
    public String utilizationUnit() {
        return charts.utilizationUnit();
    }

    /** A chart's plot area, {minX, maxX} in its viewer, as last drawn (for tests). */
    public double[] plotSpan(String chartId) {
        return charts.plotSpan(chartId);
    }

    /** The latency panel's numbers, as shown (for tests). */
    public String latencyText() {
        return latency.text();
    }

    /** The lane of each carrier's own thread (same Java thread id), by carrier lane id; -1 where none. */
    private static int[] ownLanes(Timeline timeline) {
        List<Lane> carriers = timeline.carrierLanes();
        long[] ids = new long[carriers.size()]; // the few carriers' thread ids, looked up without boxing
        for (int c = 0; c < ids.length; c++) {
            ids[c] = carriers.get(c).javaThreadId();
        }
        long[] sorted = ids.clone();
        java.util.Arrays.sort(sorted);
        int[] own = new int[ids.length];
        java.util.Arrays.fill(own, -1);
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual() && java.util.Arrays.binarySearch(sorted, lane.javaThreadId()) >= 0) {
                for (int c = 0; c < ids.length; c++) {
                    if (ids[c] == lane.javaThreadId() && own[c] < 0) {
                        own[c] = lane.id();
                    }
                }
            }
        }
        return own;
    }

    /** The carriers' rows on screen; only those are queried. */
    private void drawLanes(GraphicsContext g, TimeAxis axis, double h, double scrollY) {
        int compensationFrom = SchedulerStats.compensationFrom(timeline);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", 11));
        if (timeline.carrierLanes().isEmpty()) {
            g.setFill(canvas.theme().muted());
            g.fillText("No carrier activity recorded: the recording has neither the agent's mount events nor "
                    + "method traces of VirtualThread.runContinuation (record with Loomscope's settings).", 10, 20);
            return;
        }
        int last = Math.min(timeline.carrierLanes().size() - 1, (int) ((scrollY + h) / ROW));
        for (int c = Math.max(0, (int) (scrollY / ROW)); c <= last; c++) {
            Lane carrier = timeline.carrierLanes().get(c);
            double y = c * ROW - scrollY;
            g.setFill(c % 2 == 0 ? canvas.theme().stripe() : canvas.theme().background());
            g.fillRect(0, y, axis.width(), ROW);
            g.setFill(canvas.theme().text());
            g.fillText(carrier.displayName() + (c >= compensationFrom ? "  (compensation)" : ""), 8, y + ROW / 2);
            drawRuns(g, axis, carrier, y);
            if (c < ownLane.length && ownLane[c] >= 0) {
                drawOwnStates(g, axis, timeline.lane(ownLane[c]), y);
            }
        }
        g.setStroke(canvas.theme().separator());
        g.strokeLine(LABEL - 0.5, 0, LABEL - 0.5, h);
    }

    /** What ran on {@code carrier}: each run in its virtual thread's colour, named where it fits. */
    private void drawRuns(GraphicsContext g, TimeAxis axis, Lane carrier, double y) {
        query.query(carrier, axis.from(), axis.to(), axis.pixels(), spans);
        for (int i = 0; i < spans.size(); i++) {
            double x0 = axis.x(spans.start(i));
            double x1 = axis.x(spans.end(i));
            // A merged pixel takes the colour of the thread that ran most of it.
            int widest = spans.widestSpan(i);
            int link = widest >= 0 ? carrier.spanLink(widest) : -1;
            Color fill = link >= 0 ? colorOf(link) : StatePalette.color(ThreadState.RUNNING);
            g.setFill(fill);
            g.fillRect(x0, y + RUN_TOP, Math.max(1, x1 - x0), RUN_HEIGHT);
            if (link >= 0 && !spans.isMerged(i)) {
                label(g, timeline.lane(link).displayName(), fill, Math.max(x0, LABEL), x1, y + RUN_TOP + RUN_HEIGHT / 2);
            }
        }
    }

    /**
     * The carrier thread's own states, as its lane in the Threads view has them: a carrier parked
     * for want of work, or blocked in a pinned virtual thread's call, shows here under its runs.
     */
    private void drawOwnStates(GraphicsContext g, TimeAxis axis, Lane own, double y) {
        query.query(own, axis.from(), axis.to(), axis.pixels(), spans);
        for (int i = 0; i < spans.size(); i++) {
            double x0 = axis.x(spans.start(i));
            double x1 = axis.x(spans.end(i));
            g.setFill(StatePalette.color(spans.state(i), spans.inferred(i)));
            g.fillRect(x0, y + OWN_TOP, Math.max(1, x1 - x0), OWN_HEIGHT);
        }
    }

    /**
     * A virtual thread's own colour, the same wherever it runs: hues a golden angle apart, so
     * threads of neighbouring ids (a burst of one pool) differ at a glance.
     */
    public static Color colorOf(int lane) {
        double hue = (lane * 137.50776) % 360;
        return Color.hsb(hue, 0.45, 0.85);
    }

    /** The thread's name inside its run, when the run is wide enough to hold it whole. */
    private static void label(GraphicsContext g, String name, Color fill, double x0, double x1, double y) {
        if (x1 - x0 >= name.length() * CHAR_WIDTH + 8) {
            g.setFill(fill.getBrightness() * (1 - fill.getSaturation() / 2) > 0.55 ? Color.web("#2e3440") : Color.WHITE);
            g.fillText(name, x0 + 4, y);
        }
    }

    /** The hover text of the carrier thread's own state at {@code time}, or null where it has none. */
    private static String ownState(Lane own, long time) {
        int i = own.spanIndexAt(time);
        if (i < 0) {
            return null;
        }
        return own.displayName() + " itself: " + own.spanState(i).label() + (own.spanInferred(i) ? " (inferred)" : "")
                + "\n" + TimeFormat.instant(own.spanStart(i)) + " → " + TimeFormat.instant(own.spanEnd(i)) + "  ·  "
                + TimeFormat.duration(own.spanEnd(i) - own.spanStart(i));
    }

    /** The mounted thread's lane and the run's bounds at a point, or null; call with the read lock held. */
    private long[] runAt(TimeAxis axis, double x, double y) {
        int c = canvas.rowAt(y);
        if (timeline == null || x < LABEL || c < 0 || c >= timeline.carrierLanes().size()) {
            return null;
        }
        Lane carrier = timeline.carrierLanes().get(c);
        int i = carrier.spanIndexAt(axis.time(x));
        return i < 0 ? null : new long[] {carrier.spanLink(i), carrier.spanStart(i), carrier.spanEnd(i), c};
    }
}
