package dev.loomscope.app.carriers;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.ChartTrack;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.SchedulerStats;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Scheduler latency (how long a virtual thread waited for a carrier once runnable) over the
 * visible range: percentiles, and a histogram in decades.
 */
final class LatencyPanel extends VBox {
    private static final long[] EDGES = {10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final String[] LABELS = {"10µs", "100µs", "1ms", "10ms", "100ms", "more"};

    private final Label numbers = new Label();
    private final DefaultCategoryDataset histogram = new DefaultCategoryDataset();
    private final JFreeChart chart;

    LatencyPanel() {
        super(6);
        setId("latency-panel");
        setPadding(new Insets(6));
        setPrefWidth(300);
        numbers.setId("latency-numbers");
        numbers.setWrapText(true);
        chart = ChartFactory.createBarChart("Waits, by upper bound", null, "waits", histogram,
                PlotOrientation.VERTICAL, false, true, false);
        // The colour of a wait for a carrier in the lanes, flat, in the lanes' palette: not jfreechart's grey gradient.
        BarRenderer bars = (BarRenderer) chart.getCategoryPlot().getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, CanvasTheme.awt(StatePalette.color(ThreadState.RUNNABLE)));
        setTheme(CanvasTheme.LIGHT);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(280, 200);
        getChildren().addAll(new Label("Scheduler latency (visible range)"), numbers, viewer);
    }

    void setTheme(CanvasTheme theme) {
        ChartTrack.style(chart, theme);
        // Six decades side by side in a narrow panel: a point smaller, or "100ms" reads "1...".
        chart.getCategoryPlot().getDomainAxis().setTickLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 9));
    }

    void update(long[] sortedWaits) {
        histogram.clear();
        if (sortedWaits.length == 0) {
            numbers.setText("No runnable times in this range. They need the Loomscope agent: tick \"Inject the "
                    + "agent\" when attaching, or record with --agent.");
            return;
        }
        numbers.setText(String.format("%,d waits%np50 %s%np90 %s%np99 %s%nmax %s", sortedWaits.length,
                TimeFormat.duration(SchedulerStats.percentile(sortedWaits, 50)),
                TimeFormat.duration(SchedulerStats.percentile(sortedWaits, 90)),
                TimeFormat.duration(SchedulerStats.percentile(sortedWaits, 99)),
                TimeFormat.duration(sortedWaits[sortedWaits.length - 1])));
        int[] counts = new int[LABELS.length];
        for (long wait : sortedWaits) {
            int bucket = 0;
            while (bucket < EDGES.length && wait >= EDGES[bucket]) {
                bucket++;
            }
            counts[bucket]++;
        }
        for (int i = 0; i < LABELS.length; i++) {
            histogram.addValue(counts[i], "waits", LABELS[i]);
        }
    }

    String text() {
        return numbers.getText();
    }
}
