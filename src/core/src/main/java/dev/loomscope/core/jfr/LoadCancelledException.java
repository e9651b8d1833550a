package dev.loomscope.core.jfr;

/** Thrown by a load that its {@link LoadMonitor} cancelled. Nothing partial is returned. */
public final class LoadCancelledException extends RuntimeException {
    public LoadCancelledException() {
        super("Loading was cancelled");
    }
}
