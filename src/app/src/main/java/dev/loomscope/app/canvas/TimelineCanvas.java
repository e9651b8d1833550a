package dev.loomscope.app.canvas;

import dev.loomscope.core.model.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The time axis every timeline view is drawn on, written once: rows of one height on a canvas,
 * under a ruler and whatever tracks the view stacks above it (charts, an overview), the label
 * column {@link #LANE_LEFT} pixels wide in every view so that they all line up. The wheel zooms
 * at the mouse (with Shift, or over the labels, it scrolls the rows), a drag pans time and rows,
 * W/S/A/D/Home and the arrow and page keys do the same from the keyboard; hovering shows the
 * view's card and a click (a press and release without a drag) goes to the view.
 *
 * <p>The view draws ({@link Content}); the canvas owns no data. Painting happens once per pulse
 * however many changes ask ({@link Repaint}), under the timeline's read lock, and only the rows
 * on screen need be drawn: {@link #rowAt} and the scroll offset say which.
 */
public final class TimelineCanvas extends BorderPane {
    /** Where lanes begin: the width of the label column of every timeline view. */
    public static final double LANE_LEFT = 220;
    private static final double ZOOM_STEP = 0.8;
    private static final double PAN_STEP = 0.15;
    /** The lane width a pick assumes before the canvas is laid out (a jump at start-up). */
    private static final double UNLAID_LANE_WIDTH = 1000;
    /** How far a press may move and still be a click. */
    private static final double CLICK_SLOP = 2;

    /** What a view draws on the canvas and how it answers the mouse. */
    public interface Content {
        /**
         * Paints the canvas, {@code height} pixels tall, its first row {@code scrollY} pixels
         * above the top. The timeline's read lock is held (there may be no timeline).
         */
        void paint(GraphicsContext g, TimeAxis axis, double height, double scrollY);

        /** The hover card's text for the point, or null for none. The read lock is held. */
        default String hover(TimeAxis axis, double x, double y) {
            return null;
        }

        /** The user clicked the point. The read lock is not held. */
        default void click(TimeAxis axis, double x, double y) {
        }
    }

    private final Viewport viewport;
    private final Content content;
    private final Canvas canvas = new Canvas();
    private final Pane lanes = new Pane(canvas);
    private final Label hoverCard = new Label();
    private final RowScroller scroller;
    private final VBox above = new VBox();
    private final TimeRuler ruler;
    private CanvasTheme theme = CanvasTheme.LIGHT;
    private final Repaint repaint = new Repaint(this::paint);
    private final List<Runnable> afterPaint = new ArrayList<>();
    private Timeline timeline;
    private int rowCount;
    private long lastPaintNanos;
    private double dragX;
    private double dragY;
    private boolean dragged;

    /**
     * @param name the view's name: the canvas's id is {@code name-canvas}, the hover card's {@code name-hover}
     * @param rowHeight the height of a row in pixels
     */
    public TimelineCanvas(Viewport viewport, String name, double rowHeight, Content content) {
        this.viewport = viewport;
        this.content = content;
        this.scroller = new RowScroller(rowHeight);
        this.ruler = new TimeRuler(viewport);
        canvas.setId(name + "-canvas");
        hoverCard.setId(name + "-hover");
        hoverCard.getStyleClass().add("hover-card");
        hoverCard.setManaged(false);
        hoverCard.setVisible(false);
        hoverCard.setMouseTransparent(true);
        lanes.getChildren().add(hoverCard);
        lanes.setMinSize(0, 0);
        above.getChildren().add(ruler);
        // The tracks end where the lanes do, left of the rows' scroll bar: one time axis.
        above.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new Insets(0, scroller.bar().getWidth(), 0, 0), scroller.bar().widthProperty()));
        setTop(above);
        setCenter(lanes);
        setRight(scroller.bar());
        setFocusTraversable(true);

        scroller.bar().valueProperty().addListener((o, a, b) -> repaint.request());
        lanes.widthProperty().addListener((o, a, b) -> repaint.request());
        lanes.heightProperty().addListener((o, a, b) -> repaint.request());
        viewport.addListener(repaint::request);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hoverCard.setVisible(false));
    }

    /** Stacks {@code tracks} above the ruler, top to bottom; their time areas must start at {@link #LANE_LEFT}. */
    public void setTracks(Node... tracks) {
        above.getChildren().setAll(tracks);
        above.getChildren().add(ruler);
    }

    /** Draws in {@code shown}'s colours from now on. */
    public void setTheme(CanvasTheme shown) {
        theme = shown;
        ruler.setTheme(shown);
        repaint.request();
    }

    /** The colours to paint in. */
    public CanvasTheme theme() {
        return theme;
    }

    /** The timeline whose read lock painting holds (null for none). */
    public void setTimeline(Timeline shown) {
        timeline = shown;
        repaint.request();
    }

    /** There are {@code count} rows to scroll through. */
    public void setRowCount(int count) {
        rowCount = count;
        scroller.setRows(count, lanes.getHeight());
        repaint.request();
    }

    /** Runs {@code action} after every paint, without the lock (an overview showing the range). */
    public void afterPaint(Runnable action) {
        afterPaint.add(action);
    }

    public void repaint() {
        repaint.request();
    }

    /** How long the last paint took (the benchmark of the views reads it). */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    /** The time axis as the canvas is laid out (before its first layout: a common window's width). */
    public TimeAxis axis() {
        double width = canvas.getWidth() > LANE_LEFT ? canvas.getWidth() : LANE_LEFT + UNLAID_LANE_WIDTH;
        return new TimeAxis(viewport.from(), viewport.to(), width);
    }

    /** The row at {@code y} (canvas pixels), or -1. */
    public int rowAt(double y) {
        return scroller.rowAt(y);
    }

    /** How far below the top of its row {@code y} (canvas pixels) is. */
    public double yInRow(double y) {
        double offset = (y + scroller.offset()) % scroller.rowHeight();
        return offset < 0 ? offset + scroller.rowHeight() : offset;
    }

    /** Brings row {@code row} into view, unless it is in view already. */
    public void reveal(int row) {
        scroller.reveal(row);
    }

    /** Where instant {@code time} of row {@code row} is on screen, the row scrolled into view first. */
    public Point2D screenPoint(long time, int row) {
        scroller.reveal(row);
        return canvas.localToScreen(axis().x(time), scroller.centerY(row));
    }

    /** Where point ({@code x}, middle of row {@code row}) is on screen, the row scrolled into view first. */
    public Point2D screenPointAt(double x, int row) {
        scroller.reveal(row);
        return canvas.localToScreen(x, scroller.centerY(row));
    }

    /**
     * The timeline keys: W/S zoom, A/D pan, Home (or 0) shows everything, the arrows and page keys
     * scroll the rows. A key with a modifier is a menu's accelerator, not a move.
     */
    public void handleKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        long center = viewport.from() + viewport.width() / 2;
        long panStep = Math.round(viewport.width() * PAN_STEP);
        switch (e.getCode()) {
            case W -> viewport.zoom(ZOOM_STEP, center);
            case S -> viewport.zoom(1 / ZOOM_STEP, center);
            case A -> viewport.pan(-panStep);
            case D -> viewport.pan(panStep);
            case HOME, DIGIT0 -> viewport.set(0, viewport.limit());
            case UP -> scroller.scrollBy(-scroller.rowHeight());
            case DOWN -> scroller.scrollBy(scroller.rowHeight());
            case PAGE_UP -> scroller.page(-1);
            case PAGE_DOWN -> scroller.page(1);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void paint() {
        double w = lanes.getWidth();
        double h = lanes.getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            scroller.setRows(rowCount, h);
        }
        TimeAxis axis = new TimeAxis(viewport.from(), viewport.to(), w);
        long started = System.nanoTime();
        Timeline locked = timeline;
        if (locked != null) {
            locked.readLock().lock();
        }
        try {
            content.paint(canvas.getGraphicsContext2D(), axis, h, scroller.offset());
        } finally {
            if (locked != null) {
                locked.readLock().unlock();
            }
        }
        afterPaint.forEach(Runnable::run);
        lastPaintNanos = System.nanoTime() - started;
    }

    private void onScroll(ScrollEvent e) {
        if (e.isShiftDown() || e.getX() < LANE_LEFT) {
            scroller.scrollBy(-(e.getDeltaY() + e.getDeltaX()));
        } else if (e.getDeltaY() != 0) {
            viewport.zoom(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, axis().time(e.getX()));
        }
        e.consume();
    }

    private void onPress(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
    }

    private void onDrag(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (Math.abs(dx) + Math.abs(dy) > CLICK_SLOP) {
            dragged = true;
        }
        viewport.pan(-axis().nanos(dx));
        scroller.scrollBy(-dy);
        dragX = e.getX();
        dragY = e.getY();
        hoverCard.setVisible(false);
    }

    private void onRelease(MouseEvent e) {
        if (!dragged && e.getButton() == MouseButton.PRIMARY) {
            content.click(axis(), e.getX(), e.getY());
        }
    }

    private void onHover(MouseEvent e) {
        String text;
        Timeline locked = timeline;
        if (locked == null) {
            text = null;
        } else {
            locked.readLock().lock();
            try {
                text = content.hover(axis(), e.getX(), e.getY());
            } finally {
                locked.readLock().unlock();
            }
        }
        if (text == null) {
            hoverCard.setVisible(false);
            return;
        }
        hoverCard.setText(text);
        hoverCard.autosize();
        double x = Math.min(e.getX() + 14, lanes.getWidth() - hoverCard.getWidth() - 4);
        double y = e.getY() + 18 + hoverCard.getHeight() > lanes.getHeight()
                ? e.getY() - hoverCard.getHeight() - 8 : e.getY() + 18;
        hoverCard.relocate(Math.max(0, x), Math.max(0, y));
        hoverCard.setVisible(true);
    }
}
