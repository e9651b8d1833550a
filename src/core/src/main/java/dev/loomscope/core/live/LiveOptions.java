package dev.loomscope.core.live;

import java.time.Duration;

/**
 * How a live session behaves.
 *
 * @param window   how much of the past a session keeps; older spans are dropped to bound memory
 * @param agentJar the Loomscope agent to load into the target before recording (exact scheduling),
 *                 or null for JFR alone
 */
public record LiveOptions(Duration window, java.nio.file.Path agentJar) {
    public static final LiveOptions DEFAULT = new LiveOptions(Duration.ofMinutes(10), null);

    /** These options, with the agent injected. */
    public LiveOptions withAgent(java.nio.file.Path jar) {
        return new LiveOptions(window, jar);
    }

    public LiveOptions {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive: " + window);
        }
    }
}
