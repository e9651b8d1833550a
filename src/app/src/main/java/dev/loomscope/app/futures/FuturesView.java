package dev.loomscope.app.futures;

import dev.loomscope.app.channels.WaitSitesTable;
import dev.loomscope.app.timeline.Repaint;
import dev.loomscope.app.timeline.RowScroller;
import dev.loomscope.app.timeline.TimeRuler;
import dev.loomscope.app.timeline.Viewport;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The Futures tab, a future-style timeline: every {@code CompletableFuture} as a bar from creation
 * to completion, grouped by chain, arrows from each stage to its dependents, the continuations
 * that ran inside, failures in red and the ones nobody observed in solid red, futures never
 * completed dashed to the end. Without the agent, futures have no identity: the tab lists the
 * waits at {@code join}/{@code get} sites instead, and says what the agent would add.
 */
public final class FuturesView extends BorderPane {
    private final Viewport viewport;
    private final BiConsumer<Integer, Long> onJump;
    private final Label note = new Label();
    private final CheckBox problemsOnly = new CheckBox("Only chains with failures or pending futures");
    private final Button fit = new Button("Fit to futures");
    private final Canvas canvas = new Canvas();
    private final Pane rowsPane = new Pane(canvas);
    private final RowScroller scroller = new RowScroller(FuturePainter.ROW);
    private final FuturePainter painter = new FuturePainter();
    private final FutureDetails details;
    private final WaitSitesTable waitSites;
    private final BorderPane timelinePane = new BorderPane();
    private Timeline timeline;
    private FutureChains chains;
    private FutureRows rows = FutureRows.empty();
    private int selected = -1;
    private final Repaint repaint = new Repaint(this::paintNow);
    private double dragX;
    private double dragY;
    private boolean dragged;

    /** @param onJump called with a lane and an instant to show in the Threads view */
    public FuturesView(Viewport viewport, BiConsumer<Integer, Long> onJump) {
        this.viewport = viewport;
        this.onJump = onJump;
        this.details = new FutureDetails(this::open);
        this.waitSites = new WaitSitesTable(List.of(ThreadState.BLOCKED_FUTURE), onJump);
        setId("futures-view");
        canvas.setId("futures-canvas");
        note.setId("futures-note");
        note.setWrapText(true);
        problemsOnly.setId("problems-only");
        problemsOnly.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        waitSites.setId("future-wait-sites");
        HBox.setHgrow(note, Priority.ALWAYS);
        note.setMaxWidth(Double.MAX_VALUE);
        fit.setId("fit-futures");
        fit.setOnAction(e -> fitToFutures());
        HBox top = new HBox(10, note, problemsOnly, fit);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));
        setTop(top);
        rowsPane.setMinSize(0, 0);
        timelinePane.setTop(new TimeRuler(viewport));
        timelinePane.setCenter(rowsPane);
        timelinePane.setRight(scroller.bar());

        problemsOnly.selectedProperty().addListener((o, a, b) -> rebuildRows());
        scroller.bar().valueProperty().addListener((o, a, b) -> repaint.request());
        rowsPane.widthProperty().addListener((o, a, b) -> repaint.request());
        rowsPane.heightProperty().addListener((o, a, b) -> repaint.request());
        viewport.addListener(repaint::request);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (!dragged) {
                select(futureAt(e.getY()));
            }
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    }

    /** Shows {@code shown} (null for none), or the same timeline grown (live). */
    public void setTimeline(Timeline shown) {
        long keep = shown == timeline && chains != null && selected >= 0 ? chains.graph().agentId(selected) : Long.MIN_VALUE;
        boolean grown = shown != timeline || chains == null || !shown.read(chains::isCurrent);
        timeline = shown;
        if (shown != null && grown) {
            chains = shown.read(() -> shown.futures().size() > 0 ? FutureChains.of(shown.futures()) : null);
            if (chains == null) {
                shown.readLock().lock();
                try {
                    waitSites.show(shown);
                } finally {
                    shown.readLock().unlock();
                }
            }
        } else if (shown == null) {
            chains = null;
            waitSites.show(null);
        }
        setCenter(chains != null ? timelinePane : waitSites);
        setRight(chains != null ? details : null);
        problemsOnly.setVisible(chains != null);
        fit.setVisible(chains != null);
        note.setText(chains != null ? chains.graph().size() + " futures in " + chains.chainCount()
                + " chains. Arrows run from a stage, when it completed, to the stages it released; green inside a "
                + "bar is a continuation running. Click a future for its details."
                : "Waits at join/get sites, grouped by where the program waits. Which future each wait was on, the "
                + "chains and their failures need the Loomscope agent at its full level (attach with the agent for every "
                + "virtual thread, or loomscope record --agent-full).");
        rebuildRows();
        selected = -1;
        if (keep != Long.MIN_VALUE && chains != null) {
            select(chains.graph().indexOf(keep));
        } else {
            details.show(timeline, null, -1);
        }
    }

    /**
     * Zooms the shared time axis onto the futures: from the first creation to the last completion,
     * with a margin. Futures often live in a few milliseconds of a long recording.
     */
    public void fitToFutures() {
        if (chains == null) {
            return;
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        timeline.readLock().lock();
        try {
            FutureGraph graph = chains.graph();
            for (int f = 0; f < graph.size(); f++) {
                if (graph.created(f) != Long.MIN_VALUE) {
                    from = Math.min(from, graph.created(f));
                }
                if (graph.isCompleted(f)) {
                    to = Math.max(to, graph.completed(f));
                }
            }
        } finally {
            timeline.readLock().unlock();
        }
        if (from < to) {
            long margin = Math.max(1, (to - from) / 20);
            viewport.set(Math.max(0, from - margin), to + margin);
        }
    }

    /** Selects future {@code f} (an index of {@link Timeline#futures()}) and scrolls to it. */
    public void select(int f) {
        selected = f;
        if (f >= 0 && rows.rowOf(f) < 0 && problemsOnly.isSelected()) {
            problemsOnly.setSelected(false); // the future asked for must be listed
        }
        scroller.reveal(rows.rowOf(f));
        if (timeline != null) {
            timeline.readLock().lock();
            try {
                details.show(timeline, chains, f);
            } finally {
                timeline.readLock().unlock();
            }
        }
        repaint.request();
    }

    public int selected() {
        return selected;
    }

    /** The arrangement shown, or null without agent futures. */
    public FutureChains chains() {
        return chains;
    }

    /**
     * Where instant {@code time} on future {@code f}'s row is on screen, scrolling the row into
     * view first; null if the future is not listed. For tests.
     */
    public Point2D screenPoint(int f, long time) {
        int row = rows.rowOf(f);
        if (row < 0) {
            return null;
        }
        scroller.reveal(row);
        double x = FuturePainter.LEFT + (double) (time - viewport.from()) / viewport.width() * laneWidth();
        return canvas.localToScreen(x, scroller.centerY(row));
    }

    /** Whether future {@code f} has a row (the problems-only filter may hide it). */
    public boolean isListed(int f) {
        return rows.rowOf(f) >= 0;
    }

    private int futureAt(double y) {
        int row = scroller.rowAt(y);
        return row < 0 ? -1 : rows.future(row);
    }

    private void open(FutureDetails.Related item) {
        if (item.future() >= 0) {
            select(item.future());
        } else if (item.lane() >= 0) {
            onJump.accept(item.lane(), item.time());
        }
    }

    private void rebuildRows() {
        if (chains == null) {
            rows = FutureRows.empty();
        } else {
            timeline.readLock().lock();
            try {
                rows = FutureRows.of(chains, problemsOnly.isSelected());
            } finally {
                timeline.readLock().unlock();
            }
        }
        scroller.setRows(rows.size(), rowsPane.getHeight());
        repaint.request();
    }

    private void paintNow() {
        double w = rowsPane.getWidth();
        double h = rowsPane.getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            scroller.setRows(rows.size(), h);
        }
        if (timeline == null) {
            painter.paint(canvas.getGraphicsContext2D(), null, rows, viewport, 0, w, h, 0, -1);
            return;
        }
        timeline.readLock().lock();
        try {
            painter.paint(canvas.getGraphicsContext2D(), chains, rows, viewport, timeline.durationNanos(), w, h,
                    scroller.offset(), selected);
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void onScroll(ScrollEvent e) {
        if (e.isShiftDown() || e.getX() < FuturePainter.LEFT) {
            scroller.scrollBy(-(e.getDeltaY() + e.getDeltaX()));
        } else if (e.getDeltaY() != 0) {
            viewport.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, timeAt(e.getX()));
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (Math.abs(dx) + Math.abs(dy) > 2) {
            dragged = true;
        }
        viewport.pan(Math.round(-dx / laneWidth() * viewport.width()));
        scroller.scrollBy(-dy);
        dragX = e.getX();
        dragY = e.getY();
    }

    private double laneWidth() {
        return Math.max(1, canvas.getWidth() - FuturePainter.LEFT);
    }

    private long timeAt(double x) {
        return viewport.from() + Math.round((x - FuturePainter.LEFT) / laneWidth() * viewport.width());
    }
}
