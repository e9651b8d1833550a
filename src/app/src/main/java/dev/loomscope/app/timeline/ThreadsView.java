package dev.loomscope.app.timeline;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The goroutine-style view: a lane per thread, grouped, coloured by state, over the shared
 * {@link Viewport}. Wheel or W/S zoom, drag or A/D pan, arrow and page keys scroll lanes, Home
 * shows everything; hovering shows a span, clicking selects it ({@link #selectionProperty()}).
 *
 * <p>Drawing is deferred to one pass per pulse however many changes arrive ({@link Repaint}).
 */
public final class ThreadsView extends BorderPane {
    private static final double ZOOM_STEP = 0.8;
    private static final double PAN_STEP = 0.15;
    /** The lane width a pick assumes before the canvas is laid out. */
    private static final double UNLAID_LANE_WIDTH = 1000;

    private final Viewport viewport;
    private final OverviewStrip overview;
    private final TimeRuler ruler;
    private final Canvas canvas = new Canvas();
    private final Pane lanesPane = new Pane(canvas);
    private final RowScroller scroller = new RowScroller(LanePainter.ROW_HEIGHT);
    private final Label hoverCard = new Label();
    private final LanePainter painter = new LanePainter();
    private final ObjectProperty<SpanPick> selection = new SimpleObjectProperty<>(this, "selection");
    private final Set<String> collapsed = new HashSet<>();
    private final Set<String> knownGroups = new HashSet<>();

    private Timeline timeline;
    private LaneMarks marks = LaneMarks.NONE;
    private UnblockLink unblock;
    private List<LaneGroup> groups = List.of();
    private LaneRows rows = LaneRows.empty();
    private Pattern filter;
    private final Repaint repaint = new Repaint(this::paintNow);
    private double dragX;
    private double dragY;
    private boolean dragged;

    public ThreadsView(Viewport viewport) {
        this.viewport = viewport;
        this.overview = new OverviewStrip(viewport);
        this.ruler = new TimeRuler(viewport);
        setId("threads-view");
        canvas.setId("threads-canvas");
        setTop(new VBox(overview, ruler));
        lanesPane.getChildren().add(hoverCard);
        lanesPane.setMinSize(0, 0);
        setCenter(lanesPane);
        scroller.bar().valueProperty().addListener((o, a, b) -> repaint.request());
        setRight(scroller.bar());
        setBottom(new Legend());
        hoverCard.setId("hover-card");
        hoverCard.getStyleClass().add("hover-card");
        hoverCard.setManaged(false);
        hoverCard.setVisible(false);
        hoverCard.setMouseTransparent(true);
        setFocusTraversable(true);

        lanesPane.widthProperty().addListener((o, a, b) -> repaint.request());
        lanesPane.heightProperty().addListener((o, a, b) -> repaint.request());
        viewport.addListener(repaint::request);
        selection.addListener((o, a, pick) -> {
            unblock = timeline == null ? null : timeline.read(() -> UnblockLink.of(timeline, pick));
            repaint.request();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hoverCard.setVisible(false));
    }

    /** Shows a timeline (null for none): the whole recording, every group open but the JVM's own. */
    public void setTimeline(Timeline timeline) {
        this.timeline = timeline;
        collapsed.clear();
        knownGroups.clear();
        selection.set(null);
        viewport.reset(timeline == null ? 1 : Math.max(1, timeline.durationNanos()));
        overview.setTimeline(timeline);
        regroup();
    }

    /** The timeline grew (live): new threads get lanes, the overview is rebuilt, all is redrawn. */
    public void refresh() {
        if (timeline != null) {
            overview.setTimeline(timeline);
            regroup();
        }
    }

    private void regroup() {
        if (timeline == null) {
            groups = List.of();
        } else {
            timeline.readLock().lock();
            try {
                groups = LaneGroup.of(timeline);
            } finally {
                timeline.readLock().unlock();
            }
        }
        for (LaneGroup group : groups) {
            if (knownGroups.add(LaneRows.key(group)) && group.kind() == LaneGroup.Kind.JVM) {
                collapsed.add(LaneRows.key(group)); // the JVM's own threads start folded
            }
        }
        rebuildRows();
    }

    /**
     * Keeps the lanes whose thread name, or a frame of whose stacks, matches {@code regex}. Text
     * that is not a valid regular expression is matched literally. Null or blank shows all.
     */
    public void setFilter(String regex) {
        filter = LaneRows.filter(regex);
        rebuildRows();
    }

    /** Badges and highlights to draw on lanes (findings). */
    public void setMarks(LaneMarks newMarks) {
        marks = newMarks;
        repaint.request();
    }

    /**
     * Shows the evidence of something found over {@code [from, to)} on {@code lanes}: that time in
     * view with some room around it, the lanes highlighted, the first of them scrolled into view
     * (its group unfolded). The caller clears a filter that would hide them.
     */
    public void showEvidence(long from, long to, java.util.Collection<Integer> lanes) {
        long margin = Math.max((to - from) / 10, 1_000_000);
        viewport.set(Math.max(0, from - margin), to + margin);
        marks = new LaneMarks(marks.badges(), java.util.Set.copyOf(lanes));
        if (!lanes.isEmpty()) {
            int first = lanes.iterator().next();
            if (rows.indexOfLane(first) < 0) {
                groups.stream().filter(g -> g.lanes().contains(first)).forEach(g -> collapsed.remove(LaneRows.key(g)));
                rebuildRows();
            }
            int index = rows.indexOfLane(first);
            scroller.reveal(index);
        }
        repaint.request();
    }

    /**
     * Brings instant {@code time} of lane {@code laneId} to the middle of the view at the current
     * zoom, frames the lane and selects what is there (a jump from another view).
     */
    public void reveal(int laneId, long time) {
        long half = viewport.width() / 2;
        showEvidence(time - half * 9 / 11, time + half * 9 / 11, java.util.List.of(laneId));
        timeline.readLock().lock();
        try {
            // Before the first layout (a link opened at start-up) the canvas has no width yet: pick
            // as a common window would show it rather than not at all.
            double width = laneWidth() > 0 ? laneWidth() : UNLAID_LANE_WIDTH;
            selection.set(painter.pick(timeline, laneId, time, viewport, width));
        } finally {
            timeline.readLock().unlock();
        }
    }

    /** Z: the selected span fills the view, a tenth of its length either side (nothing selected: nothing). */
    public void zoomToSelection() {
        SpanPick pick = selection.get();
        if (pick != null && pick.end() > pick.start()) {
            long margin = Math.max(1, (pick.end() - pick.start()) / 10);
            viewport.set(Math.max(0, pick.start() - margin), pick.end() + margin);
        }
    }

    public ObjectProperty<SpanPick> selectionProperty() {
        return selection;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** The number of lanes the filter keeps. */
    public int shownLaneCount() {
        return rows.laneCount();
    }

    /** The labels of the lane rows, top to bottom (headers excluded). */
    public List<String> laneNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.row(i).kind() == LaneRows.Kind.LANE) {
                names.add(rows.row(i).label());
            }
        }
        return names;
    }

    /**
     * Where instant {@code time} of the lane of thread {@code threadName} is on screen, scrolling
     * the lane into view first; null if the lane is not shown. For tests and "jump to" links.
     */
    public Point2D screenPoint(String threadName, long time) {
        int row = rowIndex(LaneRows.Kind.LANE, threadName);
        return row < 0 ? null : canvas.localToScreen(xOf(time), scroller.centerY(row));
    }

    /** Where the header of thread group {@code groupName} is on screen (scrolled into view), or null. */
    public Point2D groupHeaderScreenPoint(String groupName) {
        int row = rowIndex(LaneRows.Kind.GROUP, groupName);
        return row < 0 ? null : canvas.localToScreen(LanePainter.LABEL_WIDTH / 2, scroller.centerY(row));
    }

    private int rowIndex(LaneRows.Kind kind, String label) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.row(i).kind() == kind && rows.row(i).label().equals(label)) {
                scroller.reveal(i);
                return i;
            }
        }
        return -1;
    }

    /** The lane id of the thread named {@code threadName}, or -1. */
    public int laneId(String threadName) {
        if (timeline == null) {
            return -1;
        }
        for (Lane lane : timeline.lanes()) {
            if (lane.displayName().equals(threadName)) {
                return lane.id();
            }
        }
        return -1;
    }

    private void rebuildRows() {
        if (timeline == null) {
            rows = LaneRows.empty();
        } else {
            timeline.readLock().lock();
            try {
                rows = LaneRows.build(timeline, groups, filter, collapsed);
            } finally {
                timeline.readLock().unlock();
            }
        }
        scroller.setRows(rows.size(), lanesPane.getHeight());
        repaint.request();
    }

    private void paintNow() {
        double w = lanesPane.getWidth();
        double h = lanesPane.getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            scroller.setRows(rows.size(), h);
        }
        if (timeline != null) {
            timeline.readLock().lock();
        }
        try {
            painter.paint(canvas.getGraphicsContext2D(), timeline, rows, viewport, w, h, scroller.offset(),
                    selection.get(), unblock, collapsed, marks);
        } finally {
            if (timeline != null) {
                timeline.readLock().unlock();
            }
        }
        overview.redraw();
    }

    private double laneWidth() {
        return canvas.getWidth() - LanePainter.LABEL_WIDTH;
    }

    private double xOf(long time) {
        return LanePainter.LABEL_WIDTH + (double) (time - viewport.from()) / viewport.width() * laneWidth();
    }

    private long timeAt(double x) {
        return viewport.from() + Math.round((x - LanePainter.LABEL_WIDTH) / laneWidth() * viewport.width());
    }

    private SpanPick pickAt(double x, double y) {
        int index = scroller.rowAt(y);
        if (timeline == null || index < 0 || x < LanePainter.LABEL_WIDTH) {
            return null;
        }
        LaneRows.Row row = rows.row(index);
        if (row.kind() != LaneRows.Kind.LANE) {
            return null;
        }
        timeline.readLock().lock();
        try {
            return painter.pick(timeline, row.lane(), timeAt(x), viewport, laneWidth());
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void onScroll(ScrollEvent e) {
        if (timeline == null) {
            return;
        }
        if (e.isShiftDown() || e.getX() < LanePainter.LABEL_WIDTH) {
            scroller.scrollBy(-(e.getDeltaY() + e.getDeltaX()));
        } else if (e.getDeltaY() != 0) {
            viewport.zoom(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, timeAt(e.getX()));
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
        if (timeline == null) {
            return;
        }
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (Math.abs(dx) + Math.abs(dy) > 2) {
            dragged = true;
        }
        viewport.pan(Math.round(-dx / laneWidth() * viewport.width()));
        scroller.scrollBy(-dy);
        dragX = e.getX();
        dragY = e.getY();
        hoverCard.setVisible(false);
    }

    private void onRelease(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY || timeline == null) {
            return;
        }
        int index = scroller.rowAt(e.getY());
        if (index >= 0 && rows.row(index).kind() == LaneRows.Kind.GROUP) {
            String key = LaneRows.key(rows.row(index).group());
            if (!collapsed.remove(key)) {
                collapsed.add(key);
            }
            rebuildRows();
            return;
        }
        selection.set(pickAt(e.getX(), e.getY()));
    }

    private void onHover(MouseEvent e) {
        SpanPick pick = pickAt(e.getX(), e.getY());
        if (pick == null) {
            hoverCard.setVisible(false);
            return;
        }
        hoverCard.setText(SpanText.hover(timeline, pick));
        hoverCard.autosize();
        double x = Math.min(e.getX() + 14, lanesPane.getWidth() - hoverCard.getWidth() - 4);
        double y = e.getY() + 18 + hoverCard.getHeight() > lanesPane.getHeight()
                ? e.getY() - hoverCard.getHeight() - 8 : e.getY() + 18;
        hoverCard.relocate(Math.max(0, x), Math.max(0, y));
        hoverCard.setVisible(true);
    }

    /**
     * The view's keys: W/S zoom, A/D pan, Home shows all, arrows and page keys scroll lanes,
     * Z zooms to the selected span, Escape clears the selection. The window forwards keys here
     * unless the user is typing.
     */
    public void handleKey(KeyEvent e) {
        // With a modifier a key is a menu's accelerator (Ctrl+D, Ctrl+S), not a move.
        if (timeline == null || e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
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
            case UP -> scroller.scrollBy(-LanePainter.ROW_HEIGHT);
            case DOWN -> scroller.scrollBy(LanePainter.ROW_HEIGHT);
            case PAGE_UP -> scroller.page(-1);
            case PAGE_DOWN -> scroller.page(1);
            case ESCAPE -> selection.set(null);
            case Z -> zoomToSelection();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
