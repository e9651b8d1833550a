package dev.loomscope.app.futures;

import dev.loomscope.app.channels.WaitSitesTable;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

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
    private final TimelineCanvas canvas;
    private final FuturePainter painter = new FuturePainter();
    private final FutureDetails details;
    private final WaitSitesTable waitSites;
    private Timeline timeline;
    private FutureChains chains;
    private FutureRows rows = FutureRows.empty();
    private int selected = -1;

    /** @param onJump called with a lane and an instant to show in the Threads view */
    public FuturesView(Viewport viewport, BiConsumer<Integer, Long> onJump) {
        this.viewport = viewport;
        this.onJump = onJump;
        this.details = new FutureDetails(this::open);
        this.waitSites = new WaitSitesTable(List.of(ThreadState.BLOCKED_FUTURE), onJump);
        this.canvas = new TimelineCanvas(viewport, "futures", FuturePainter.ROW, new Bars());
        setId("futures-view");
        note.setId("futures-note");
        note.setWrapText(true);
        problemsOnly.setId("problems-only");
        problemsOnly.setMinWidth(Region.USE_PREF_SIZE);
        waitSites.setId("future-wait-sites");
        HBox.setHgrow(note, Priority.ALWAYS);
        note.setMaxWidth(Double.MAX_VALUE);
        fit.setId("fit-futures");
        fit.setMinWidth(Region.USE_PREF_SIZE);
        fit.setOnAction(e -> fitToFutures());
        HBox top = new HBox(10, note, problemsOnly, fit);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));
        setTop(top);
        problemsOnly.selectedProperty().addListener((o, a, b) -> rebuildRows());
    }

    /** What the canvas draws: a bar per future, and which one a click is on. */
    private final class Bars implements TimelineCanvas.Content {
        @Override
        public void paint(GraphicsContext g, TimeAxis axis, double height, double scrollY) {
            painter.paint(g, chains, rows, viewport, timeline == null ? 0 : timeline.durationNanos(), axis.width(), height,
                    scrollY, selected);
        }

        @Override
        public void click(TimeAxis axis, double x, double y) {
            int row = canvas.rowAt(y);
            select(row < 0 ? -1 : rows.future(row));
        }
    }

    /** Draws the futures in {@code theme}'s colours. */
    public void setTheme(CanvasTheme theme) {
        painter.setTheme(theme);
        canvas.setTheme(theme);
    }

    /** The timeline keys ({@link TimelineCanvas#handleKey}); the window forwards keys here while the tab is shown. */
    public void handleKey(KeyEvent e) {
        canvas.handleKey(e);
    }

    /** Shows {@code shown} (null for none), or the same timeline grown (live). */
    public void setTimeline(Timeline shown) {
        long keep = shown == timeline && chains != null && selected >= 0 ? chains.graph().agentId(selected) : Long.MIN_VALUE;
        boolean grown = shown != timeline || chains == null || !shown.read(chains::isCurrent);
        timeline = shown;
        canvas.setTimeline(shown);
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
        setCenter(chains != null ? canvas : waitSites);
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
        canvas.reveal(rows.rowOf(f));
        if (timeline != null) {
            timeline.readLock().lock();
            try {
                details.show(timeline, chains, f);
            } finally {
                timeline.readLock().unlock();
            }
        }
        canvas.repaint();
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
        return canvas.screenPoint(time, row);
    }

    /** Whether future {@code f} has a row (the problems-only filter may hide it). */
    public boolean isListed(int f) {
        return rows.rowOf(f) >= 0;
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
        canvas.setRowCount(rows.size());
    }
}
