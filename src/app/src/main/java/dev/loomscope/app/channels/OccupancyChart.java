package dev.loomscope.app.channels;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.ChartTrack;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Channel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;

/**
 * A channel's occupancy (its size after each operation) over the visible range, as a step chart
 * with the capacity drawn as a line: a queue pinned at its capacity is backpressure, one pinned
 * at zero is starving its receivers. More operations than {@value #POINTS} are bucketed, keeping
 * each bucket's largest size (a full queue must not be averaged away).
 */
final class OccupancyChart extends ChartViewer {
    private static final int POINTS = 600;

    private final XYSeries size = new XYSeries("size", true, true);
    private final XYPlot plot;
    private final JFreeChart chart;

    OccupancyChart() {
        XYStepAreaRenderer renderer = new XYStepAreaRenderer();
        renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 0xb0));
        // A track on the lanes' time axis: the plot starts where the lanes below start, so one
        // instant is one x in both, and the ruler under it reads for both.
        chart = ChartTrack.of("Occupancy", "items", new XYSeriesCollection(size), renderer);
        plot = chart.getXYPlot();
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getRangeAxis().setUpperMargin(0.25); // room above a full queue for the capacity's label
        setChart(chart);
        setId("occupancy-chart");
        setPrefHeight(150);
        setMinHeight(120);
    }

    void setTheme(CanvasTheme theme) {
        ChartTrack.style(chart, theme);
    }

    /** Shows {@code channel} (null for none) over the viewport; call with the timeline's read lock held. */
    void update(Channel channel, Viewport viewport) {
        size.clear();
        plot.clearRangeMarkers();
        if (channel == null || viewport.width() <= 0) {
            chart.setTitle("Occupancy");
            return;
        }
        chart.setTitle("Occupancy of " + channel.simpleName() + " #" + channel.agentId()
                + (channel.bounded() ? " (capacity " + channel.capacity() + ")"
                        : channel.capacityKnown() ? " (unbounded)" : ""));
        if (channel.bounded() && channel.capacity() > 0) {
            ValueMarker capacity = new ValueMarker(channel.capacity(), new Color(0xbf, 0x61, 0x6a),
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            capacity.setLabel("capacity " + channel.capacity());
            // Inside the plot, just above the line, where a full queue's area does not cover it
            // (jfreechart centres the label on the left edge by default, cutting it).
            capacity.setLabelAnchor(RectangleAnchor.LEFT);
            capacity.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            capacity.setLabelFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 11));
            capacity.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
            capacity.setLabelPaint(new Color(0xbf, 0x61, 0x6a));
            plot.addRangeMarker(capacity);
        }
        int first = channel.firstEndingAtOrAfter(viewport.from());
        int last = channel.firstEndingAtOrAfter(viewport.to() + 1);
        if (first > 0) {
            size.add(viewport.from() / 1e9, channel.sizeAfter(first - 1), false);
        }
        double bucket = (double) viewport.width() / POINTS;
        int i = first;
        while (i < last) {
            long bucketEnd = last - first > 2 * POINTS
                    ? viewport.from() + (long) ((Math.floor((channel.opEnd(i) - viewport.from()) / bucket) + 1) * bucket)
                    : channel.opEnd(i) + 1;
            int peak = channel.sizeAfter(i);
            long at = channel.opEnd(i);
            for (i++; i < last && channel.opEnd(i) < bucketEnd; i++) {
                peak = Math.max(peak, channel.sizeAfter(i));
            }
            if (peak >= 0) {
                size.add(at / 1e9, peak, false);
            }
        }
        if (last > first) {
            size.add(viewport.to() / 1e9, Math.max(0, channel.sizeAfter(last - 1)), false);
        }
        ChartTrack.showTime(chart, viewport.from(), viewport.to());
        size.fireSeriesChanged();
    }
}
