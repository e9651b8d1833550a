package dev.loomscope.app.canvas;

import java.util.ArrayList;
import java.util.List;

/**
 * The visible time range, shared by every timeline view of a window so they scroll and zoom
 * together. Times are timeline nanoseconds. The range always lies within {@code [0, limit]} and is
 * never narrower than {@link #MIN_WIDTH}. Listeners run on the FX thread, after each change.
 */
public final class Viewport {
    /** The narrowest range one can zoom to: 1 microsecond. */
    static final long MIN_WIDTH = 1_000;
    /** How much of a growing recording a view showing "everything" shows at most: one minute. */
    static final long FOLLOW_WIDTH = 60_000_000_000L;

    private final List<Runnable> listeners = new ArrayList<>();
    private long limit = 1;
    private long from;
    private long to = 1;

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    public long width() {
        return to - from;
    }

    public long limit() {
        return limit;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Sets the whole range (a new recording) and shows all of it. */
    public void reset(long newLimit) {
        limit = Math.max(1, newLimit);
        set(0, limit);
    }

    /**
     * The recording grew to {@code newLimit} (live). A view that showed everything keeps showing
     * everything, up to the last {@link #FOLLOW_WIDTH}; following, any other view keeps its width
     * and slides to the new end; otherwise it stays where it is.
     */
    public void extendLimit(long newLimit, boolean follow) {
        boolean showedAll = from == 0 && to == limit;
        limit = Math.max(limit, newLimit);
        if (showedAll || (follow && width() < MIN_WIDTH * 2)) {
            set(Math.max(0, limit - FOLLOW_WIDTH), limit);
        } else if (follow) {
            set(limit - width(), limit);
        } else {
            listeners.forEach(Runnable::run);
        }
    }

    /**
     * A recording being read grew to {@code newLimit}: a view that showed all of it still does
     * (the part read so far); any other stays where it is.
     */
    public void grow(long newLimit) {
        boolean showedAll = from == 0 && to == limit;
        limit = Math.max(limit, newLimit);
        if (showedAll) {
            set(0, limit);
        } else {
            listeners.forEach(Runnable::run);
        }
    }

    /** Shows {@code [newFrom, newTo)}, clamped into the recording. */
    public void set(long newFrom, long newTo) {
        long width = Math.max(MIN_WIDTH, Math.min(limit, newTo - newFrom));
        long start = Math.max(0, Math.min(newFrom, limit - width));
        if (start == from && start + width == to) {
            return;
        }
        from = start;
        to = start + width;
        listeners.forEach(Runnable::run);
    }

    /** Zooms by {@code factor} (below 1 zooms in) keeping instant {@code anchor} where it is on screen. */
    public void zoom(double factor, long anchor) {
        double newWidth = Math.max(MIN_WIDTH, Math.min(limit, width() * factor));
        double anchorShare = width() == 0 ? 0.5 : (double) (anchor - from) / width();
        long newFrom = Math.round(anchor - anchorShare * newWidth);
        set(newFrom, newFrom + Math.round(newWidth));
    }

    /** Moves the range by {@code nanos} (negative: towards the start). */
    public void pan(long nanos) {
        set(from + nanos, to + nanos);
    }
}
