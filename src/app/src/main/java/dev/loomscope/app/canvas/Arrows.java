package dev.loomscope.app.canvas;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The arrows between lanes: who unblocked whom, which stage a stage depends on. */
public final class Arrows {
    /** The colour of a causal link (an unblocking, a dependency). */
    public static final Color LINK = Color.web("#5e3c99");

    private Arrows() {
    }

    /** A line from (fromX, fromY) to (toX, toY) with a head at the "to" end. */
    public static void draw(GraphicsContext g, Color color, double width, double fromX, double fromY, double toX, double toY) {
        g.setStroke(color);
        g.setFill(color);
        g.setLineWidth(width);
        g.strokeLine(fromX, fromY, toX, toY);
        double angle = Math.atan2(toY - fromY, toX - fromX);
        double size = 4 + 2 * width;
        g.fillPolygon(new double[] {toX, toX - size * Math.cos(angle - 0.4), toX - size * Math.cos(angle + 0.4)},
                new double[] {toY, toY - size * Math.sin(angle - 0.4), toY - size * Math.sin(angle + 0.4)}, 3);
        g.setLineWidth(1);
    }
}
