package dev.loomscope.app.carriers;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.ChartTrack;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.Timeline;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;

/**
 * The scheduler over the visible range, as jfreechart-fx charts: carrier utilization (the mean
 * number of busy carriers as a percentage of the parallelism P, {@link SchedulerStats#parallelismOf};
 * its axis says which P and from 0 to at least 100 %, above 100 when compensation carriers ran) and
 * the runnable-queue depth (virtual threads waiting for a carrier; exact only with the agent).
 * Sampled at {@value #POINTS} points. Each is a track on the view's time axis: its plot starts
 * {@link TimelineCanvas#LANE_LEFT} pixels from the left, where the lanes below start, and ends at the
 * right edge as they do; the ruler under the charts gives the time.
 */
final class SchedulerCharts extends VBox {
    private static final int POINTS = 300;
    private static final double CHART_HEIGHT = 110;

    private final XYPlot utilizationPlot;
    private final JFreeChart[] charts;
    private final XYPlot queuePlot;

    private final XYSeries utilization = new XYSeries("P utilization");
    private final XYSeries queue = new XYSeries("Runnable threads");
    private final NumberAxis utilizationAxis;
    private final org.jfree.chart.title.TextTitle utilizationTitle;

    SchedulerCharts() {
        setId("scheduler-charts");
        JFreeChart utilizationChart = chart("Carrier utilization (busy carriers / parallelism, %)", "% of P",
                utilization, new Color(0x2c, 0xa0, 0x2c));
        JFreeChart queueChart = chart("Runnable queue depth (threads waiting for a carrier)", "threads", queue,
                new Color(0xbc, 0xd3, 0x5f));
        charts = new JFreeChart[] {utilizationChart, queueChart};
        utilizationPlot = utilizationChart.getXYPlot();
        queuePlot = queueChart.getXYPlot();
        utilizationAxis = (NumberAxis) utilizationPlot.getRangeAxis();
        utilizationTitle = utilizationChart.getTitle();
        getChildren().addAll(ChartTrack.viewer(utilizationChart, "utilization-chart", CHART_HEIGHT),
                ChartTrack.viewer(queueChart, "queue-chart", CHART_HEIGHT));
    }

    void setTheme(CanvasTheme theme) {
        for (JFreeChart chart : charts) {
            ChartTrack.style(chart, theme);
        }
    }

    /** The plots' data areas in their viewers' coordinates, as last drawn (for tests): {minX, maxX} each. */
    double[] plotSpan(String id) {
        return ChartTrack.plotSpan((ChartViewer) lookup("#" + id));
    }

    /** The utilization axis's label and the chart's title, as shown (for tests). */
    String utilizationUnit() {
        return utilizationAxis.getLabel() + " | " + utilizationTitle.getText();
    }

    /** Recomputes both series over the viewport; call with the timeline's read lock held. */
    void update(Timeline timeline, Viewport viewport) {
        utilization.clear();
        queue.clear();
        if (timeline == null || viewport.width() <= 0) {
            return;
        }
        for (XYPlot plot : new XYPlot[] {utilizationPlot, queuePlot}) {
            ChartTrack.showTime(plot.getChart(), viewport.from(), viewport.to());
        }
        double[] busy = SchedulerStats.busyCarriers(timeline, viewport.from(), viewport.to(), POINTS);
        double[] waiting = SchedulerStats.runnableThreads(timeline, viewport.from(), viewport.to(), POINTS);
        SchedulerStats.Parallelism parallelism = SchedulerStats.parallelismOf(timeline);
        double step = (double) viewport.width() / POINTS;
        double peak = 0;
        for (int i = 0; i < POINTS; i++) {
            double seconds = (viewport.from() + i * step) / 1e9;
            double percent = 100 * busy[i] / parallelism.value();
            peak = Math.max(peak, percent);
            utilization.add(seconds, percent, false);
            queue.add(seconds, waiting[i], false);
        }
        // A fixed 0-100 % scale: auto-ranged, 3 % of a quiet pipeline filled the chart and its
        // unlabelled axis (0 to 3.5) read like a number of carriers.
        // The axis label is short enough to fit the chart's height; where P comes from is in the title.
        utilizationAxis.setLabel("% of P = " + parallelism.value());
        utilizationTitle.setText("Carrier utilization (busy carriers / P, %; P: " + parallelism.source() + ")");
        utilizationAxis.setRange(0, Math.max(100, Math.ceil(peak / 25) * 25));
        utilization.fireSeriesChanged();
        queue.fireSeriesChanged();
    }

    private static JFreeChart chart(String title, String unit, XYSeries series, Color color) {
        XYAreaRenderer area = new XYAreaRenderer();
        area.setSeriesPaint(0, color);
        return ChartTrack.of(title, unit, new XYSeriesCollection(series), area);
    }
}
