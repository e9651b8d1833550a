package dev.loomscope.core.live;

import dev.loomscope.core.capture.RecordingLimits;

import java.time.Duration;

/**
 * How a live session behaves.
 *
 * @param window   how much of the past a session keeps; older spans are dropped to bound memory
 * @param agentJar     the Loomscope agent to load into the target before recording (exact
 *                     scheduling), or null for JFR alone
 * @param agentOptions the agent's options ({@code level=full}, {@code level=sampled}; see
 *                     docs/events.md), or null for its defaults
 * @param limits       how much of the capture is kept on disk, in the target's repository and in
 *                     the session's copies of it (what Save writes): the oldest chunks go first
 * @param maxLag       how far the view may trail the target: a session further behind than this at a
 *                     flush jumps ahead to the present rather than fall further behind (see
 *                     {@link LiveSession})
 * @param maxThreads   how many threads a session's timeline may hold: past that it jumps ahead too,
 *                     which bounds its memory when a target starts threads by the hundred thousand
 */
public record LiveOptions(Duration window, java.nio.file.Path agentJar, String agentOptions, RecordingLimits limits,
                          Duration maxLag, int maxThreads) {
    /** Behind by more than this, a session jumps ahead: the target flushes once a second, so a few of those. */
    public static final Duration MAX_LAG = Duration.ofSeconds(5);
    /**
     * A thread per KB of heap: a short-lived thread's lane and spans take about 150 bytes once it
     * ended (docs/benchmarks.md, Scale), the session's indexes by thread (ingest's, the groups')
     * some tens more, so the timeline stays within a fraction of the heap, the views' own needs
     * beside it (8 M threads with the launcher's default heap on a 16 GB machine).
     */
    public static final int MAX_THREADS = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 1024);
    public static final LiveOptions DEFAULT = new LiveOptions(Duration.ofMinutes(10), null, null,
            RecordingLimits.DEFAULT);

    public LiveOptions(Duration window, java.nio.file.Path agentJar, String agentOptions, RecordingLimits limits) {
        this(window, agentJar, agentOptions, limits, MAX_LAG, MAX_THREADS);
    }

    /** These options, with the agent injected at its default level (sampled). */
    public LiveOptions withAgent(java.nio.file.Path jar) {
        return new LiveOptions(window, jar, null, limits, maxLag, maxThreads);
    }

    /** These options, with the agent injected with {@code options}. */
    public LiveOptions withAgent(java.nio.file.Path jar, String options) {
        return new LiveOptions(window, jar, options, limits, maxLag, maxThreads);
    }

    /** These options, keeping at most {@code limits} of the capture on disk. */
    public LiveOptions withLimits(RecordingLimits newLimits) {
        return new LiveOptions(window, agentJar, agentOptions, newLimits, maxLag, maxThreads);
    }

    /** These options, jumping ahead when the view trails the target by more than {@code lag}. */
    public LiveOptions withMaxLag(Duration lag) {
        return new LiveOptions(window, agentJar, agentOptions, limits, lag, maxThreads);
    }

    /** These options, jumping ahead when the timeline holds more than {@code threads} threads. */
    public LiveOptions withMaxThreads(int threads) {
        return new LiveOptions(window, agentJar, agentOptions, limits, maxLag, threads);
    }

    public LiveOptions {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive: " + window);
        }
    }
}
