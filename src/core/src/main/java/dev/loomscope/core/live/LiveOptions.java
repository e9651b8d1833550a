package dev.loomscope.core.live;

import java.time.Duration;

/**
 * How a live session behaves.
 *
 * @param window how much of the past a session keeps; older spans are dropped to bound memory
 */
public record LiveOptions(Duration window) {
    public static final LiveOptions DEFAULT = new LiveOptions(Duration.ofMinutes(10));

    public LiveOptions {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive: " + window);
        }
    }
}
