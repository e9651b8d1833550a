package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Timeline;

/**
 * Watches a long load: receives progress, and may ask for the load to stop. Called from the
 * loading thread, every few thousand events, so implementations must be cheap and thread-safe.
 */
public interface LoadMonitor {
    /** A monitor that ignores progress and never cancels. */
    LoadMonitor NONE = new LoadMonitor() {
    };

    /** {@code fraction} in [0, 1]; {@code message} says what is being done, for a status line. */
    default void progress(double fraction, String message) {
    }

    /** True once the user asked to stop; the load then ends with {@link LoadCancelledException}. */
    default boolean isCancelled() {
        return false;
    }

    /**
     * Everything the recording holds before {@code end} is in {@code growing}, the timeline being
     * loaded, which may be shown from now on, as a live one: read it under its read lock. Called
     * on the loading thread, not holding the lock, at each chunk end passed (never for a file of
     * one chunk); the load goes on when it returns.
     */
    default void readUpTo(Timeline growing, long end) {
    }
}
