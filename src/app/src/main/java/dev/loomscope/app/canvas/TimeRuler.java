package dev.loomscope.app.canvas;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.text.Font;

/**
 * Tick marks and times over the lanes of a {@link TimelineCanvas}, at a step of 1, 2 or 5 times a
 * power of ten, from {@link TimelineCanvas#LANE_LEFT} on.
 */
final class TimeRuler extends Pane {
    static final double HEIGHT = 22;
    private static final double MIN_TICK_SPACING = 90;

    private final Canvas canvas = new Canvas();
    private final Viewport viewport;
    private CanvasTheme theme = CanvasTheme.LIGHT;

    TimeRuler(Viewport viewport) {
        viewport.addListener(this::redraw);
        this.viewport = viewport;
        getChildren().add(canvas);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(HEIGHT);
        redraw();
    }

    void setTheme(CanvasTheme shown) {
        theme = shown;
        redraw();
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double laneWidth = w - TimelineCanvas.LANE_LEFT;
        g.setFill(theme.rulerFill());
        g.fillRect(0, 0, w, HEIGHT);
        g.setStroke(theme.separator());
        g.strokeLine(0, HEIGHT - 0.5, w, HEIGHT - 0.5);
        g.setFill(theme.muted());
        g.setFont(Font.font("System", 10));
        g.fillText("Δ " + TimeFormat.duration(viewport.width()), 6, HEIGHT - 7);
        if (laneWidth <= 0) {
            return;
        }
        TimeAxis axis = new TimeAxis(viewport.from(), viewport.to(), w);
        long step = tickStep(viewport.width() * MIN_TICK_SPACING / laneWidth);
        long first = (viewport.from() + step - 1) / step * step;
        g.setStroke(theme.tick());
        for (long t = first; t <= viewport.to(); t += step) {
            double x = axis.x(t);
            g.strokeLine(x + 0.5, HEIGHT - 6, x + 0.5, HEIGHT);
            g.fillText(TimeFormat.instant(t), x + 3, HEIGHT - 8);
        }
    }

    /** The smallest 1/2/5 x 10^k nanoseconds at least {@code minimum}. */
    static long tickStep(double minimum) {
        long power = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * power >= minimum) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }
}
