package dev.loomscope.app.carriers;

import dev.loomscope.app.timeline.Viewport;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.Timeline;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;

/**
 * The scheduler over the visible range, as jfreechart-fx charts: carrier utilization (busy
 * carriers over the parallelism) and the runnable-queue depth (virtual threads waiting for a
 * carrier; exact only with the agent). Sampled at {@value #POINTS} points.
 */
final class SchedulerCharts extends HBox {
    private static final int POINTS = 300;

    private final XYSeries utilization = new XYSeries("P utilization");
    private final XYSeries queue = new XYSeries("Runnable threads");

    SchedulerCharts() {
        super(6);
        setId("scheduler-charts");
        ChartViewer left = viewer(chart("Carrier utilization (busy carriers / parallelism, %)", utilization, new Color(0x2c, 0xa0, 0x2c)));
        ChartViewer right = viewer(chart("Runnable queue depth (threads waiting for a carrier)", queue, new Color(0xbc, 0xd3, 0x5f)));
        left.setId("utilization-chart");
        right.setId("queue-chart");
        getChildren().addAll(left, right);
        setPrefHeight(170);
        setMinHeight(170);
    }

    /** Recomputes both series over the viewport; call with the timeline's read lock held. */
    void update(Timeline timeline, Viewport viewport) {
        utilization.clear();
        queue.clear();
        if (timeline == null || viewport.width() <= 0) {
            return;
        }
        double[] busy = SchedulerStats.busyCarriers(timeline, viewport.from(), viewport.to(), POINTS);
        double[] waiting = SchedulerStats.runnableThreads(timeline, viewport.from(), viewport.to(), POINTS);
        int parallelism = SchedulerStats.parallelism(timeline);
        double step = (double) viewport.width() / POINTS;
        for (int i = 0; i < POINTS; i++) {
            double seconds = (viewport.from() + i * step) / 1e9;
            utilization.add(seconds, 100 * busy[i] / parallelism, false);
            queue.add(seconds, waiting[i], false);
        }
        utilization.fireSeriesChanged();
        queue.fireSeriesChanged();
    }

    private static JFreeChart chart(String title, XYSeries series, Color color) {
        JFreeChart chart = ChartFactory.createXYAreaChart(title, "seconds", null, new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, false, true, false);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(11f));
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, color);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xd8, 0xde, 0xe9));
        plot.setRangeGridlinePaint(new Color(0xd8, 0xde, 0xe9));
        return chart;
    }

    private static ChartViewer viewer(JFreeChart chart) {
        ChartViewer viewer = new ChartViewer(chart);
        HBox.setHgrow(viewer, Priority.ALWAYS);
        viewer.setPrefSize(400, 170);
        return viewer;
    }
}
