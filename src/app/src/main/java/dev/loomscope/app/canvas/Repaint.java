package dev.loomscope.app.canvas;

import javafx.application.Platform;

/**
 * Coalesces a view's repaint requests: however many changes ask before the next turn of the FX
 * thread (a drag, a live batch, a resize), the view is painted once.
 */
final class Repaint {
    private final Runnable paint;
    private boolean pending;

    /** @param paint draws the view; runs on the FX thread */
    Repaint(Runnable paint) {
        this.paint = paint;
    }

    /** Schedules one paint, unless one is scheduled already. Call on the FX thread. */
    void request() {
        if (!pending) {
            pending = true;
            Platform.runLater(() -> {
                pending = false;
                paint.run();
            });
        }
    }
}
