package dev.loomscope.core.live;

import java.time.Duration;

/**
 * How a live session behaves.
 *
 * @param window   how much of the past a session keeps; older spans are dropped to bound memory
 * @param agentJar     the Loomscope agent to load into the target before recording (exact
 *                     scheduling), or null for JFR alone
 * @param agentOptions the agent's options ({@code level=full}, {@code level=sampled}; see
 *                     docs/events.md), or null for its defaults
 */
public record LiveOptions(Duration window, java.nio.file.Path agentJar, String agentOptions) {
    public static final LiveOptions DEFAULT = new LiveOptions(Duration.ofMinutes(10), null, null);

    /** These options, with the agent injected at its default level (sampled). */
    public LiveOptions withAgent(java.nio.file.Path jar) {
        return new LiveOptions(window, jar, null);
    }

    /** These options, with the agent injected with {@code options}. */
    public LiveOptions withAgent(java.nio.file.Path jar, String options) {
        return new LiveOptions(window, jar, options);
    }

    public LiveOptions {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive: " + window);
        }
    }
}
