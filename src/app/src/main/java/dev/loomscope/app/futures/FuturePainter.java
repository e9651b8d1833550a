package dev.loomscope.app.futures;

import dev.loomscope.app.canvas.Arrows;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Draws the rows of the Futures view: each future a bar from its creation to its completion (to
 * the end of the recording when it never completed), coloured by outcome, with the continuations
 * that ran for it inside and an arrow from each stage, at the moment it completed, to each of its
 * dependents. Only rows on screen are drawn, with the arrows that touch them.
 */
final class FuturePainter {
    static final double ROW = 18;
    static final double LEFT = TimelineCanvas.LANE_LEFT;
    private static final Font FONT = Font.font("System", 11);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 11);
    /** Text on a bar: the bars' colours are light in either theme. */
    private static final Color ON_BAR = Color.web("#2e3440");

    private CanvasTheme theme = CanvasTheme.LIGHT;

    void setTheme(CanvasTheme shown) {
        theme = shown;
    }

    void paint(GraphicsContext g, FutureChains chains, FutureRows rows, Viewport viewport, long end,
               double width, double height, double scrollY, int selected) {
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        if (chains == null || width <= LEFT || viewport.width() <= 0) {
            return;
        }
        int first = Math.max(0, (int) (scrollY / ROW));
        int last = Math.min(rows.size() - 1, (int) ((scrollY + height) / ROW));
        double scale = (width - LEFT) / viewport.width();
        g.setTextBaseline(VPos.CENTER);
        for (int r = first; r <= last; r++) {
            double y = r * ROW - scrollY;
            int f = rows.future(r);
            if (f < 0) {
                header(g, chains, rows.chain(r), y, width);
            } else {
                future(g, chains, f, y, viewport, scale, end, width, f == selected);
            }
        }
        for (int r = first; r <= last; r++) {
            int f = rows.future(r);
            if (f >= 0) {
                edges(g, chains, rows, f, viewport, scale, scrollY);
            }
        }
        g.setStroke(theme.separator());
        g.strokeLine(LEFT - 0.5, 0, LEFT - 0.5, height);
    }

    private void header(GraphicsContext g, FutureChains chains, int chain, double y, double width) {
        g.setFill(theme.groupFill());
        g.fillRect(0, y, width, ROW);
        g.setFill(theme.text());
        g.setFont(BOLD);
        g.fillText(ChainText.header(chains, chain), 6, y + ROW / 2);
    }

    private void future(GraphicsContext g, FutureChains chains, int f, double y, Viewport viewport,
                               double scale, long end, double width, boolean selected) {
        FutureGraph graph = chains.graph();
        FutureChains.Outcome outcome = chains.outcome(f);
        g.setFill(theme.text());
        g.setFont(FONT);
        g.fillText(ChainText.name(graph, f), 14, y + ROW / 2, LEFT - 20);
        long from = graph.created(f) == Long.MIN_VALUE ? 0 : graph.created(f);
        long to = outcome == FutureChains.Outcome.PENDING ? end : graph.completed(f);
        double x0 = Math.max(LEFT, LEFT + (from - viewport.from()) * scale);
        double x1 = Math.min(width, LEFT + (to - viewport.from()) * scale);
        if (x1 >= LEFT && x0 <= width) {
            g.setFill(FuturePalette.of(outcome));
            g.fillRect(x0, y + 3, Math.max(2, x1 - x0), ROW - 6);
            runs(g, chains, f, y, viewport, scale, width);
            if (outcome == FutureChains.Outcome.PENDING) {
                g.setStroke(Color.web("#7b8394"));
                g.setLineDashes(4, 3);
                g.strokeRect(x0, y + 3, Math.max(2, x1 - x0), ROW - 6);
                g.setLineDashes();
            }
            if (outcome != FutureChains.Outcome.COMPLETED) {
                g.setFill(outcome == FutureChains.Outcome.UNOBSERVED_FAILURE ? Color.WHITE : ON_BAR);
                g.setFont(FONT);
                g.fillText(FuturePalette.label(outcome), Math.max(x0, LEFT) + 4, y + ROW / 2, Math.max(0, x1 - Math.max(x0, LEFT) - 6));
            }
        }
        if (selected) {
            g.setStroke(theme.selection());
            g.setLineWidth(2);
            g.strokeRect(x0 - 1, y + 1, Math.max(3, x1 - x0 + 2), ROW - 2);
            g.setLineWidth(1);
        }
    }

    private static void runs(GraphicsContext g, FutureChains chains, int f, double y, Viewport viewport,
                             double scale, double width) {
        FutureGraph graph = chains.graph();
        g.setFill(FuturePalette.RUN);
        for (int k = 0; k < chains.runCount(f); k++) {
            int run = chains.run(f, k);
            double x0 = Math.max(LEFT, LEFT + (graph.runStart(run) - viewport.from()) * scale);
            double x1 = Math.min(width, LEFT + (graph.runEnd(run) - viewport.from()) * scale);
            if (x1 >= LEFT && x0 <= width) {
                g.fillRect(x0, y + 6, Math.max(1, x1 - x0), ROW - 12);
            }
        }
    }

    /** Arrows to {@code f}'s dependents, at the moment {@code f} completed (which released them). */
    private static void edges(GraphicsContext g, FutureChains chains, FutureRows rows, int f, Viewport viewport,
                              double scale, double scrollY) {
        FutureGraph graph = chains.graph();
        if (!graph.isCompleted(f)) {
            return;
        }
        double x = LEFT + (graph.completed(f) - viewport.from()) * scale;
        if (x < LEFT) {
            return;
        }
        double fromY = rows.rowOf(f) * ROW - scrollY + ROW / 2;
        for (int k = 0; k < chains.dependentCount(f); k++) {
            int dependent = graph.edgeTo(chains.dependentEdge(f, k));
            int row = rows.rowOf(dependent);
            if (row >= 0) {
                double toY = row * ROW - scrollY + (row > rows.rowOf(f) ? 3 : ROW - 3);
                Arrows.draw(g, Arrows.LINK, 1.2, x, fromY, x, toY);
            }
        }
    }
}
