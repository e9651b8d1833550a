package dev.loomscope.app.canvas;

import dev.loomscope.core.model.ThreadState;
import javafx.scene.paint.Color;

/**
 * One colour per thread state, the same in every view and in the legend. Chosen so the states a
 * person hunts for stand out: blocked sends orange, receives blue, futures purple, locks red,
 * pinning dark red; running green; waiting and unknown in greys.
 */
public final class StatePalette {
    /** Inferred spans are drawn at this opacity, so deduced time reads paler than recorded time. */
    static final double INFERRED_OPACITY = 0.45;

    private static final Color[] COLORS = new Color[ThreadState.count()];

    static {
        set(ThreadState.UNKNOWN, "#c9c9c9");
        set(ThreadState.RUNNING, "#2ca02c");
        set(ThreadState.RUNNABLE, "#bcd35f");
        set(ThreadState.RUNNING_OR_RUNNABLE, "#55702a");
        set(ThreadState.RUNNING_OR_BRIEFLY_BLOCKED, "#7a9a6a");
        set(ThreadState.BLOCKED_SEND, "#ff7f0e");
        set(ThreadState.BLOCKED_RECV, "#1f77b4");
        set(ThreadState.BLOCKED_FUTURE, "#9467bd");
        set(ThreadState.BLOCKED_LOCK, "#d62728");
        set(ThreadState.WAITING, "#9fb3c8");
        set(ThreadState.SLEEPING, "#e3c6f0");
        set(ThreadState.IO, "#17becf");
        set(ThreadState.PINNED, "#8c1c13");
        set(ThreadState.ENDED, "#ffffff");
    }

    private StatePalette() {
    }

    public static Color color(ThreadState state) {
        return COLORS[state.code()];
    }

    /** The colour drawn for a span: paler when its state was inferred. */
    public static Color color(ThreadState state, boolean inferred) {
        Color c = COLORS[state.code()];
        return inferred ? c.deriveColor(0, 1, 1, INFERRED_OPACITY) : c;
    }

    private static void set(ThreadState state, String web) {
        COLORS[state.code()] = Color.web(web);
    }
}
