package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who holds a carrier's batch now: the thread on the carrier adding to it, or the periodic drain
 * taking it. The drain holds it for the microsecond it takes to copy the batch into an event, so
 * the thread that wants it spins a little; it never waits long or blocks: after a few tries it goes
 * without.
 */
final class BatchLock {
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private final AtomicBoolean held = new AtomicBoolean();

    /** On a virtual thread: takes the lock, spinning a little; false when the drain kept it. */
    boolean take() {
        for (int i = 0; i < SPINS; i++) {
            if (held.compareAndSet(false, true)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * On a carrier between two virtual threads (a platform thread): spins, then gives its core up
     * to the drain's thread {@value #YIELDS} times at most, should the drain have been descheduled
     * while it held the lock (at a chunk end it takes every carrier's); false when it still did.
     */
    boolean takeOnCarrier() {
        if (take()) {
            return true;
        }
        for (int i = 0; i < YIELDS; i++) {
            Thread.yield();
            if (held.compareAndSet(false, true)) {
                return true;
            }
        }
        return false;
    }

    /** By the drain: takes the lock only if it is free (a carrier busy with its batch is drained later). */
    boolean tryTake() {
        return held.compareAndSet(false, true);
    }

    void release() {
        held.setRelease(false);
    }
}
