package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.LaneGroups;
import dev.loomscope.core.model.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The goroutine-style view: a lane per thread, grouped, coloured by state, on a
 * {@link TimelineCanvas} over the shared {@link Viewport}, the overview strip above. Hovering
 * shows a span, clicking selects it ({@link #selectionProperty()}) or folds a group; Z zooms to
 * the selection, Escape clears it.
 */
public final class ThreadsView extends BorderPane {
    /** A group of more threads than this starts folded. */
    static final int FOLDED_ABOVE = 100;

    private final Viewport viewport;
    private final OverviewStrip overview;
    private final TimelineCanvas canvas;
    private final LanePainter painter = new LanePainter();
    private final ObjectProperty<SpanPick> selection = new SimpleObjectProperty<>(this, "selection");
    private final Set<String> collapsed = new HashSet<>();
    private final Set<String> knownGroups = new HashSet<>();

    private Timeline timeline;
    private LaneMarks marks = LaneMarks.NONE;
    private UnblockLink unblock;
    private List<LaneGroup> groups = List.of();
    /** Keeps the groups current as a live timeline grows: a refresh places the new threads only. */
    private LaneGroups grouping = new LaneGroups();
    private LaneRows rows = LaneRows.empty();
    private Pattern filter;

    public ThreadsView(Viewport viewport) {
        this.viewport = viewport;
        this.overview = new OverviewStrip(viewport);
        this.canvas = new TimelineCanvas(viewport, "threads", LanePainter.ROW_HEIGHT, new Lanes());
        setId("threads-view");
        canvas.setTracks(overview);
        canvas.afterPaint(overview::redraw);
        setCenter(canvas);
        setBottom(new Legend());
        setFocusTraversable(true);
        selection.addListener((o, a, pick) -> {
            unblock = timeline == null ? null : timeline.read(() -> UnblockLink.of(timeline, pick));
            canvas.repaint();
        });
    }

    /** What the canvas draws: the lane rows, and what the mouse finds on them. */
    private final class Lanes implements TimelineCanvas.Content {
        @Override
        public void paint(GraphicsContext g, TimeAxis axis, double height, double scrollY) {
            painter.paint(g, timeline, rows, viewport, axis.width(), height, scrollY, selection.get(), unblock, collapsed, marks);
        }

        @Override
        public String hover(TimeAxis axis, double x, double y) {
            SpanPick pick = pickAt(axis, x, y);
            return pick == null ? null : SpanText.hover(timeline, pick);
        }

        @Override
        public void click(TimeAxis axis, double x, double y) {
            int index = canvas.rowAt(y);
            if (index >= 0 && rows.row(index).kind() == LaneRows.Kind.GROUP) {
                String key = LaneRows.key(rows.row(index).group());
                if (!collapsed.remove(key)) {
                    collapsed.add(key);
                }
                rebuildRows();
                return;
            }
            selection.set(timeline == null ? null : timeline.read(() -> pickAt(axis, x, y)));
        }
    }

    /** Draws the lanes, the overview and the ruler in {@code theme}'s colours. */
    public void setTheme(CanvasTheme theme) {
        painter.setTheme(theme);
        overview.setTheme(theme);
        canvas.setTheme(theme);
    }

    /** Shows a timeline (null for none): the whole recording, every group open but the JVM's own. */
    public void setTimeline(Timeline timeline) {
        this.timeline = timeline;
        canvas.setTimeline(timeline);
        grouping = new LaneGroups();
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
            groups = timeline.read(() -> grouping.update(timeline));
        }
        for (LaneGroup group : groups) {
            // The JVM's own threads start folded, and so does a group too big to read lane by
            // lane: its header draws what its threads did, as one row.
            if (knownGroups.add(LaneRows.key(group))
                    && (group.kind() == LaneGroup.Kind.JVM || group.lanes().size() > FOLDED_ABOVE)) {
                collapsed.add(LaneRows.key(group));
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
        canvas.repaint();
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
            canvas.reveal(index);
        }
        canvas.repaint();
    }

    /**
     * Brings instant {@code time} of lane {@code laneId} to the middle of the view at the current
     * zoom, frames the lane and selects what is there (a jump from another view).
     */
    public void reveal(int laneId, long time) {
        long half = viewport.width() / 2;
        showEvidence(time - half * 9 / 11, time + half * 9 / 11, java.util.List.of(laneId));
        TimeAxis axis = canvas.axis();
        selection.set(timeline.read(() -> painter.pick(timeline, laneId, time, axis)));
    }

    /** Folds or unfolds thread group {@code groupName} (as a click on its header does). */
    public void setFolded(String groupName, boolean folded) {
        for (LaneGroup group : groups) {
            if (group.name().equals(groupName)) {
                if (folded) {
                    collapsed.add(LaneRows.key(group));
                } else {
                    collapsed.remove(LaneRows.key(group));
                }
            }
        }
        rebuildRows();
    }

    /** How long the lanes' last paint took (the benchmark of the views reads it). */
    public long lastPaintNanos() {
        return canvas.lastPaintNanos();
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
        return row < 0 ? null : canvas.screenPoint(time, row);
    }

    /** Where the header of thread group {@code groupName} is on screen (scrolled into view), or null. */
    public Point2D groupHeaderScreenPoint(String groupName) {
        int row = rowIndex(LaneRows.Kind.GROUP, groupName);
        return row < 0 ? null : canvas.screenPointAt(TimelineCanvas.LANE_LEFT / 2, row);
    }

    private int rowIndex(LaneRows.Kind kind, String label) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.row(i).kind() == kind && rows.row(i).label().equals(label)) {
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
        rows = timeline == null ? LaneRows.empty()
                : timeline.read(() -> LaneRows.build(timeline, groups, filter, collapsed));
        canvas.setRowCount(rows.size());
    }

    /** The selection at a point of the canvas, or null; call with the read lock held. */
    private SpanPick pickAt(TimeAxis axis, double x, double y) {
        int index = canvas.rowAt(y);
        if (index < 0 || x < TimelineCanvas.LANE_LEFT || rows.row(index).kind() != LaneRows.Kind.LANE) {
            return null;
        }
        return painter.pick(timeline, rows.row(index).lane(), axis.time(x), axis);
    }

    /**
     * The view's keys: the timeline's ({@link TimelineCanvas#handleKey}), Z zooms to the selected
     * span, Escape clears the selection. The window forwards keys here unless the user is typing.
     */
    public void handleKey(KeyEvent e) {
        if (timeline == null || e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        switch (e.getCode()) {
            case ESCAPE -> selection.set(null);
            case Z -> zoomToSelection();
            default -> {
                canvas.handleKey(e);
                return;
            }
        }
        e.consume();
    }
}
