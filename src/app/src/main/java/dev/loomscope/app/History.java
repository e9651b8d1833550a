package dev.loomscope.app;

import dev.loomscope.app.canvas.Viewport;
import javafx.animation.PauseTransition;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Back and forward through the places a user looked at, as a browser goes through pages: a place
 * is a tab and a time range. Switching tabs is a step at once; zooming and panning are one step
 * when they come to rest ({@value #SETTLE_MILLIS} ms without a change), so a wheel gesture is not
 * forty steps. Going back or forward is not itself remembered as a step.
 */
final class History {
    private static final int SETTLE_MILLIS = 600;
    private static final int DEPTH = 100;

    private record Place(Tab tab, long from, long to) {
    }

    private final TabPane tabs;
    private final Viewport viewport;
    private final Deque<Place> back = new ArrayDeque<>();
    private final Deque<Place> forward = new ArrayDeque<>();
    private final PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MILLIS));
    private Place current;
    private boolean moving;

    History(TabPane tabs, Viewport viewport) {
        this.tabs = tabs;
        this.viewport = viewport;
        settle.setOnFinished(e -> step());
        viewport.addListener(() -> {
            if (!moving) {
                settle.playFromStart();
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!moving) {
                step();
            }
        });
    }

    /** A new recording: nothing to go back to. */
    void reset() {
        back.clear();
        forward.clear();
        settle.stop();
        current = here();
    }

    void back() {
        go(back, forward);
    }

    void forward() {
        go(forward, back);
    }

    /** How many steps back there are (for tests). */
    int steps() {
        return back.size();
    }

    /** Whether a zoom or pan has not come to rest yet (for tests). */
    boolean settling() {
        return settle.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    /**
     * Remembers where the user was before the place on screen now, if it is a new one. A range
     * that only slid to the end of a growing recording at the same width is live following, not
     * a step the user took.
     */
    private void step() {
        settle.stop();
        Place now = here();
        boolean followed = current != null && now.tab() == current.tab() && now.to() == viewport.limit()
                && now.to() - now.from() == current.to() - current.from();
        if (current != null && !now.equals(current) && !followed) {
            back.push(current);
            while (back.size() > DEPTH) {
                back.removeLast();
            }
            forward.clear();
        }
        current = now;
    }

    private void go(Deque<Place> from, Deque<Place> to) {
        step();
        if (from.isEmpty()) {
            return;
        }
        to.push(current);
        current = from.pop();
        moving = true;
        try {
            tabs.getSelectionModel().select(current.tab());
            viewport.set(current.from(), current.to());
        } finally {
            moving = false;
        }
    }

    private Place here() {
        return new Place(tabs.getSelectionModel().getSelectedItem(), viewport.from(), viewport.to());
    }
}
