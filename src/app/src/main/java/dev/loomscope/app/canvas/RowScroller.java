package dev.loomscope.app.canvas;

import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;

/**
 * The vertical scrolling of a view drawn as fixed-height rows on a canvas (threads, futures):
 * which row is at a y, where a row is, bringing a row into view. The scroll bar's value is the
 * pixel offset of the first row; listeners on {@link #bar()} repaint.
 */
final class RowScroller {
    private final ScrollBar bar = new ScrollBar();
    private final double rowHeight;
    private int rows;
    private double visible = 1;

    RowScroller(double rowHeight) {
        this.rowHeight = rowHeight;
        bar.setOrientation(Orientation.VERTICAL);
        bar.setUnitIncrement(rowHeight);
    }

    double rowHeight() {
        return rowHeight;
    }

    ScrollBar bar() {
        return bar;
    }

    /** The pixel offset of the first row. */
    double offset() {
        return bar.getValue();
    }

    /** There are {@code count} rows, and {@code height} pixels to show them in. */
    void setRows(int count, double height) {
        rows = count;
        visible = Math.max(1, height);
        double content = rows * rowHeight;
        bar.setMin(0);
        bar.setMax(Math.max(0, content - visible));
        bar.setVisibleAmount(Math.min(content, visible) * Math.max(0, content - visible) / Math.max(1, content));
        bar.setBlockIncrement(visible * 0.9);
        bar.setValue(Math.min(bar.getValue(), bar.getMax()));
    }

    /** Scrolls by {@code pixels} (negative: up), within the content. */
    void scrollBy(double pixels) {
        bar.setValue(Math.max(0, Math.min(bar.getMax(), bar.getValue() + pixels)));
    }

    /** Scrolls one screen, up ({@code -1}) or down ({@code 1}). */
    void page(int direction) {
        scrollBy(direction * visible * 0.9);
    }

    /** Brings row {@code row} into view, a third of the way down, unless it is in view already. */
    void reveal(int row) {
        double top = row * rowHeight;
        if (row >= 0 && (top < bar.getValue() || top + rowHeight > bar.getValue() + visible)) {
            bar.setValue(Math.min(bar.getMax(), Math.max(0, top - visible / 3)));
        }
    }

    /** The row at {@code y} (view pixels), or -1. */
    int rowAt(double y) {
        int row = (int) Math.floor((y + bar.getValue()) / rowHeight);
        return row >= 0 && row < rows ? row : -1;
    }

    /** The y (view pixels) of the middle of row {@code row}. */
    double centerY(int row) {
        return row * rowHeight - bar.getValue() + rowHeight / 2;
    }
}
