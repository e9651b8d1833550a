package dev.loomscope.samples.corpus;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How a corpus program whose threads stay stuck until it exits waits before exiting: until the
 * pathology is in place (every thread stuck where the program says), then for a while, and at
 * least as long as the program had run by then. A slow or cold machine that starts threads late
 * then records what a fast one does: the threads stuck for most of the recording, which is what
 * the detectors' thresholds (and the truth files) take a leak or a deadlock to be.
 */
final class Stuck {
    /** A program whose bug did not show by then goes on, and its recording says what happened. */
    private static final long IN_PLACE_WITHIN_MILLIS = 30_000;

    private Stuck() {
    }

    /** Waits until {@code inPlace} holds (looked at every 10 ms), then {@code millis}, or the JVM's uptime if longer. */
    static void hold(BooleanSupplier inPlace, long millis) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IN_PLACE_WITHIN_MILLIS);
        while (!inPlace.getAsBoolean() && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        TimeUnit.MILLISECONDS.sleep(Math.max(millis, ManagementFactory.getRuntimeMXBean().getUptime()));
    }
}
