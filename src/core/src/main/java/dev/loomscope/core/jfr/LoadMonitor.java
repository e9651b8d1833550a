package dev.loomscope.core.jfr;

/**
 * Watches a long load: receives progress, and may ask for the load to stop. Called from the
 * loading thread, every few thousand events, so implementations must be cheap and thread-safe.
 */
public interface LoadMonitor {
    /** A monitor that ignores progress and never cancels. */
    LoadMonitor NONE = new LoadMonitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** {@code fraction} in [0, 1]; {@code message} says what is being done, for a status line. */
    void progress(double fraction, String message);

    /** True once the user asked to stop; the load then ends with {@link LoadCancelledException}. */
    boolean isCancelled();
}
