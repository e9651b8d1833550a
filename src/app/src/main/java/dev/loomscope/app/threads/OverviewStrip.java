package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Timeline;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * The whole recording in one strip: per pixel, how many threads were in each state, stacked; the
 * visible range framed on top. Pressing or dragging in it moves the visible range there. Built
 * from a sample of at most {@link #SAMPLED_LANES} lanes, so it costs the same for any recording.
 */
final class OverviewStrip extends Pane {
    static final double HEIGHT = 40;
    private static final int SAMPLED_LANES = 400;

    private final Canvas canvas = new Canvas();
    private final Viewport viewport;
    private Timeline timeline;
    private final StateDensity density = new StateDensity();
    private int builtWidth = -1;
    private CanvasTheme theme = CanvasTheme.LIGHT;

    OverviewStrip(Viewport viewport) {
        this.viewport = viewport;
        getChildren().add(canvas);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        canvas.setId("overview-strip");
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveTo);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveTo);
    }

    /** Shows {@code timeline}, or the same one grown: the strip is rebuilt on the next redraw. */
    void setTimeline(Timeline timeline) {
        this.timeline = timeline;
        builtWidth = -1;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(HEIGHT);
        redraw();
    }

    void redraw() {
        if (timeline == null) {
            draw();
            return;
        }
        timeline.readLock().lock();
        try {
            draw();
        } finally {
            timeline.readLock().unlock();
        }
    }

    void setTheme(CanvasTheme shown) {
        theme = shown;
        redraw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double laneWidth = w - LanePainter.LABEL_WIDTH;
        g.setFill(theme.rulerFill());
        g.fillRect(0, 0, w, HEIGHT);
        g.setFill(theme.muted());
        g.fillText("Whole recording", 6, HEIGHT / 2 + 4);
        if (timeline == null || laneWidth < 2) {
            return;
        }
        int pixels = (int) laneWidth;
        if (pixels != builtWidth) {
            density.count(timeline, new AllLanes(timeline.laneCount()), 0, timeline.durationNanos(), pixels, SAMPLED_LANES);
            builtWidth = pixels;
        }
        density.draw(g, LanePainter.LABEL_WIDTH, HEIGHT - 2, (HEIGHT - 4) / density.peak());
        double scale = laneWidth / Math.max(1, viewport.limit());
        double x0 = LanePainter.LABEL_WIDTH + viewport.from() * scale;
        double x1 = LanePainter.LABEL_WIDTH + viewport.to() * scale;
        g.setFill(Color.color(0.2, 0.3, 0.5, 0.15));
        g.fillRect(x0, 0, Math.max(2, x1 - x0), HEIGHT);
        g.setStroke(theme.text());
        g.strokeRect(x0 + 0.5, 0.5, Math.max(2, x1 - x0) - 1, HEIGHT - 1);
    }

    /** Every lane id of a timeline, as a list that holds none of them. */
    private static final class AllLanes extends java.util.AbstractList<Integer> {
        private final int size;

        AllLanes(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }

    private void moveTo(MouseEvent e) {
        double laneWidth = canvas.getWidth() - LanePainter.LABEL_WIDTH;
        if (timeline == null || laneWidth <= 0 || e.getX() < LanePainter.LABEL_WIDTH) {
            return;
        }
        long center = (long) ((e.getX() - LanePainter.LABEL_WIDTH) / laneWidth * viewport.limit());
        long half = viewport.width() / 2;
        viewport.set(center - half, center + half);
    }
}
