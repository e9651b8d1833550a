package dev.loomscope.app.compare;

import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.Viewport;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/**
 * Two recordings one above the other on one relative time axis (both from their start: zooming or
 * panning one moves the other), thread groups in the same order, and beside them what changed.
 */
public final class CompareWindow {
    private final Stage stage = new Stage();
    private final Viewport viewport = new Viewport();
    private final ThreadsView before = new ThreadsView(viewport);
    private final ThreadsView after = new ThreadsView(viewport);
    private final ChangesPane changes;

    /** @param stylesheets and {@code theme}: the window's look, the owner's */
    public CompareWindow(Window owner, Comparison comparison, List<String> stylesheets, CanvasTheme theme) {
        before.setId("compare-before");
        after.setId("compare-after");
        before.setTheme(theme);
        after.setTheme(theme);
        before.setTimeline(comparison.before());
        after.setTimeline(comparison.after());
        // Each view reset the shared axis to its own length: the longer of the two holds both.
        viewport.reset(Math.max(1, Math.max(comparison.before().durationNanos(), comparison.after().durationNanos())));
        changes = new ChangesPane(comparison.diff());

        SplitPane lanes = new SplitPane(titled("Before: " + comparison.beforeName(), before),
                titled("After: " + comparison.afterName(), after));
        lanes.setOrientation(Orientation.VERTICAL);
        SplitPane root = new SplitPane(lanes, changes);
        root.setId("compare-view");
        root.setDividerPositions(0.6);
        // As large as a common screen allows, never larger than this one (a window wider than the
        // screen overflows Monocle's headless framebuffer, and is of no use on a small screen).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1500, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().addAll(stylesheets);
        // The axis is shared: the keys that zoom and pan one view move both.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, before::handleKey);
        stage.setScene(scene);
        stage.setTitle("Loomscope - compare " + comparison.beforeName() + " with " + comparison.afterName());
        stage.initOwner(owner);
    }

    private static Node titled(String title, ThreadsView view) {
        BorderPane pane = new BorderPane(view);
        Label label = new Label("  " + title);
        label.getStyleClass().add("compare-heading");
        pane.setTop(label);
        return pane;
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public ThreadsView beforeView() {
        return before;
    }

    public ThreadsView afterView() {
        return after;
    }

    ChangesPane changes() {
        return changes;
    }
}
