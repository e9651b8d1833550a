package dev.loomscope.app.carriers;

import dev.loomscope.app.timeline.Repaint;
import dev.loomscope.app.timeline.StatePalette;
import dev.loomscope.app.timeline.TimeFormat;
import dev.loomscope.app.timeline.TimeRuler;
import dev.loomscope.app.timeline.Viewport;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LodSpans;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.ViewportQuery;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.function.BiConsumer;

/**
 * The processor-style view: a lane per carrier thread showing what ran on it, over the same
 * {@link Viewport} as the Threads view, with the scheduler charts above and the latency panel
 * beside. Each run has its virtual thread's own colour and, where it is wide enough, its name, so
 * switches show and one thread can be followed from carrier to carrier; hovering names it,
 * clicking jumps to its lane. Carriers beyond the scheduler's recorded parallelism (or
 * the hardware threads) are compensation workers (the pool adds them while others are pinned or
 * blocked) and say so.
 */
public final class CarriersView extends BorderPane {
    private static final double ROW = 22;
    /** Lanes start where every view's do, so the charts and the ruler above line up with them. */
    private static final double LABEL = TimeRuler.LANE_LEFT;
    /** The width of a character of the lane font, generously: a name is drawn only where it fits whole. */
    private static final double CHAR_WIDTH = 6.5;

    private final Viewport viewport;
    private final SchedulerCharts charts = new SchedulerCharts();
    private final LatencyPanel latency = new LatencyPanel();
    private final Canvas canvas = new Canvas();
    private final Pane lanes = new Pane(canvas);
    private final Label hover = new Label();
    private final ViewportQuery query = new ViewportQuery();
    private final LodSpans spans = new LodSpans();
    private final BiConsumer<Integer, Long> onJump;
    private Timeline timeline;
    private final Repaint repaint = new Repaint(this::paint);

    /** @param onJump called with a virtual thread's lane and an instant when the user clicks its run */
    public CarriersView(Viewport viewport, BiConsumer<Integer, Long> onJump) {
        this.viewport = viewport;
        this.onJump = onJump;
        setId("carriers-view");
        canvas.setId("carriers-canvas");
        hover.setId("carrier-hover");
        hover.getStyleClass().add("hover-card");
        hover.setManaged(false);
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        lanes.getChildren().add(hover);
        lanes.setMinSize(0, 0);
        // The charts are tracks on the lanes' time axis: stacked above them, their plots spanning
        // exactly the lanes' width, the ruler between (issue 14: one time axis per view).
        VBox.setVgrow(lanes, Priority.ALWAYS);
        setCenter(new VBox(charts, new TimeRuler(viewport), lanes));
        setRight(latency);
        widthProperty().addListener((o, a, b) -> repaint.request());
        lanes.widthProperty().addListener((o, a, b) -> repaint.request());
        lanes.heightProperty().addListener((o, a, b) -> repaint.request());
        viewport.addListener(repaint::request);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0 && timeline != null) {
                viewport.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, timeAt(e.getX()));
            }
        });
    }

    /** Shows {@code shown} (null for none), or the same one grown. */
    public void setTimeline(Timeline shown) {
        timeline = shown;
        repaint.request();
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

    private void paint() {
        double w = lanes.getWidth();
        double h = lanes.getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (timeline == null) {
            return;
        }
        timeline.readLock().lock();
        try {
            charts.update(timeline, viewport);
            latency.update(SchedulerStats.runnableWaits(timeline, viewport.from(), viewport.to()));
            drawLanes(g, w, h);
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void drawLanes(GraphicsContext g, double w, double h) {
        int compensationFrom = SchedulerStats.compensationFrom(timeline);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", 11));
        if (timeline.carrierLanes().isEmpty()) {
            g.setFill(Color.web("#4c566a"));
            g.fillText("No carrier activity recorded: the recording has neither the agent's mount events nor "
                    + "method traces of VirtualThread.runContinuation (record with Loomscope's settings).", 10, 20);
            return;
        }
        double laneWidth = w - LABEL;
        double scale = laneWidth / viewport.width();
        for (int c = 0; c < timeline.carrierLanes().size() && c * ROW < h; c++) {
            Lane carrier = timeline.carrierLanes().get(c);
            double y = c * ROW;
            g.setFill(c % 2 == 0 ? Color.web("#f7f8fa") : Color.WHITE);
            g.fillRect(0, y, w, ROW);
            g.setFill(Color.web("#2e3440"));
            g.fillText(carrier.displayName() + (c >= compensationFrom ? "  (compensation)" : ""), 8, y + ROW / 2);
            query.query(carrier, viewport.from(), viewport.to(), (int) Math.ceil(laneWidth), spans);
            for (int i = 0; i < spans.size(); i++) {
                double x0 = LABEL + (spans.start(i) - viewport.from()) * scale;
                double x1 = LABEL + (spans.end(i) - viewport.from()) * scale;
                // A merged pixel takes the colour of the thread that ran most of it.
                int widest = spans.widestSpan(i);
                int link = widest >= 0 ? carrier.spanLink(widest) : -1;
                Color fill = link >= 0 ? colorOf(link) : StatePalette.color(ThreadState.RUNNING);
                g.setFill(fill);
                g.fillRect(x0, y + 3, Math.max(1, x1 - x0), ROW - 6);
                if (link >= 0 && !spans.isMerged(i)) {
                    label(g, timeline.lane(link).displayName(), fill, Math.max(x0, LABEL), x1, y + ROW / 2);
                }
            }
        }
        g.setStroke(Color.web("#d8dee9"));
        g.strokeLine(LABEL - 0.5, 0, LABEL - 0.5, h);
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

    private long timeAt(double x) {
        return viewport.from() + Math.round((x - LABEL) / (canvas.getWidth() - LABEL) * viewport.width());
    }

    /** The mounted thread's lane and the run's bounds under the mouse, or null. */
    private long[] runAt(double x, double y) {
        if (timeline == null || x < LABEL) {
            return null;
        }
        int c = (int) (y / ROW);
        timeline.readLock().lock();
        try {
            if (c < 0 || c >= timeline.carrierLanes().size()) {
                return null;
            }
            Lane carrier = timeline.carrierLanes().get(c);
            int i = carrier.spanIndexAt(timeAt(x));
            return i < 0 ? null : new long[] {carrier.spanLink(i), carrier.spanStart(i), carrier.spanEnd(i), c};
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void onHover(MouseEvent e) {
        long[] run = runAt(e.getX(), e.getY());
        if (run == null) {
            hover.setVisible(false);
            return;
        }
        String who = run[0] >= 0 ? "carrying " + timeline.lane((int) run[0]).displayName()
                : "busy (which virtual thread needs the agent)";
        hover.setText(who + "\n" + TimeFormat.instant(run[1]) + " → " + TimeFormat.instant(run[2]) + "  ·  "
                + TimeFormat.duration(run[2] - run[1]) + (run[0] >= 0 ? "\nclick: show it in Threads" : ""));
        hover.autosize();
        hover.relocate(Math.min(e.getX() + 14, lanes.getWidth() - hover.getWidth() - 4), e.getY() + 16);
        hover.setVisible(true);
    }

    private void onClick(MouseEvent e) {
        long[] run = runAt(e.getX(), e.getY());
        if (run != null && run[0] >= 0) {
            onJump.accept((int) run[0], (run[1] + run[2]) / 2);
        }
    }
}
