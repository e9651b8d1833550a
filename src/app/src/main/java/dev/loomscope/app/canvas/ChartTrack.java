package dev.loomscope.app.canvas;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

import java.awt.Color;
import java.awt.Font;

/**
 * A jfreechart chart made a track of a {@link TimelineCanvas}: its value axis fills exactly the
 * label column, its plot spans the lane area, and it has no time axis of its own (the canvas's
 * ruler, below the tracks, reads for it). Set its time range with {@link #showTime}. Charts and
 * lanes share one palette and typography: the lanes' text colour, separator grey and font size.
 */
public final class ChartTrack {
    private static final Color TEXT = new Color(0x2e, 0x34, 0x40);
    private static final Color GRID = new Color(0xd8, 0xde, 0xe9);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 11);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 11);
    private static final Font TICKS = new Font("SansSerif", Font.PLAIN, 10);

    private ChartTrack() {
    }

    /** A chart of {@code data} drawn by {@code renderer}, titled, its values in {@code unit}. */
    public static JFreeChart of(String title, String unit, XYDataset data, XYItemRenderer renderer) {
        NumberAxis time = new NumberAxis();
        time.setVisible(false);
        time.setAutoRange(false);
        NumberAxis values = new NumberAxis(unit);
        values.setLabelFont(LABEL);
        values.setLabelPaint(TEXT);
        values.setTickLabelFont(TICKS);
        values.setTickLabelPaint(TEXT);
        XYPlot plot = new XYPlot(data, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(2, 0, 8, 0)); // room for the axis's 0, none sideways
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        AxisSpace labels = new AxisSpace();
        labels.setLeft(TimelineCanvas.LANE_LEFT);
        plot.setFixedRangeAxisSpace(labels);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.getTitle().setPaint(TEXT);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A viewer of {@code height} pixels for a track chart. */
    public static ChartViewer viewer(JFreeChart chart, String id, double height) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(id);
        viewer.setPrefSize(400, height);
        viewer.setMinHeight(height);
        return viewer;
    }

    /** The plot's data area in its viewer's coordinates, as last drawn: {minX, maxX} (for tests). */
    public static double[] plotSpan(ChartViewer viewer) {
        java.awt.geom.Rectangle2D area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        return new double[] {area.getMinX(), area.getMaxX()};
    }

    /** Shows {@code [from, to]} (timeline nanoseconds) on {@code chart}'s time axis, which counts seconds. */
    public static void showTime(JFreeChart chart, long from, long to) {
        chart.getXYPlot().getDomainAxis().setRange(from / 1e9, Math.max(from + 1, to) / 1e9);
    }
}
