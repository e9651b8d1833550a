package dev.loomscope.app.canvas;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * A jfreechart chart made a track of a {@link TimelineCanvas}: its value axis fills exactly the
 * label column, its plot spans the lane area, and it has no time axis of its own (the canvas's
 * ruler, below the tracks, reads for it). Set its time range with {@link #showTime}. Charts and
 * lanes share one palette ({@link CanvasTheme}, {@link #style}) and the lanes' font sizes.
 */
public final class ChartTrack {
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
        XYPlot plot = new XYPlot(data, time, values, renderer);
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(6, 0, 8, 0)); // room for the axis's top and 0 labels, none sideways
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        AxisSpace labels = new AxisSpace();
        labels.setLeft(TimelineCanvas.LANE_LEFT);
        plot.setFixedRangeAxisSpace(labels);
        JFreeChart chart = new JFreeChart(title, plot);
        chart.removeLegend();
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        style(chart, CanvasTheme.LIGHT);
        return chart;
    }

    /**
     * Draws {@code chart} (a track, or any chart beside the lanes) as the lanes are drawn: in
     * {@code theme}'s colours (background, text, grid the separators') and the lanes' font sizes.
     */
    public static void style(JFreeChart chart, CanvasTheme theme) {
        Color background = CanvasTheme.awt(theme.background());
        Color text = CanvasTheme.awt(theme.text());
        Color grid = CanvasTheme.awt(theme.separator());
        chart.setBackgroundPaint(background);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(text);
            chart.getTitle().setFont(TITLE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(background);
        List<Axis> axes = new ArrayList<>();
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            axes.add(xy.getDomainAxis());
            axes.add(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(grid);
            axes.add(category.getDomainAxis());
            axes.add(category.getRangeAxis());
        }
        for (Axis axis : axes) {
            axis.setLabelPaint(text);
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICKS);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
        }
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
