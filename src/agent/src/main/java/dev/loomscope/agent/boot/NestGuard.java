package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Marks "this thread is inside a wrapper queue method that has not reached its inner queue method
 * yet" (LinkedBlockingDeque.put before putLast's entry), so that the inner method knows it is
 * nested and only the outermost call is reported.
 *
 * <p>Like {@link ReentryGuard}: a small table of threads, no ThreadLocal. A slot is held only from
 * the wrapper's entry to the inner method's entry (no blocking in between: the JDK's wrappers call
 * the inner method at once) or to the wrapper's exit if the inner one is never reached. When the
 * probed slots are busy the wrapper claims nothing and both calls are reported (never waits).
 */
final class NestGuard {
    private static final int SLOTS = 64;      // power of two
    private static final int PROBES = 8;
    private static final AtomicReferenceArray<Thread> OWNERS = new AtomicReferenceArray<>(SLOTS);

    private NestGuard() {}

    private static int start(Thread t) {
        return (int) ((t.threadId() * 0x9E3779B97F4A7C15L) >>> 58);
    }

    /** The slot held by {@code t}, or -1. Our own writes are always visible to us. */
    static int find(Thread t) {
        int start = start(t);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (OWNERS.getPlain(slot) == t) {
                return slot;
            }
        }
        return -1;
    }

    /** Claims a slot for {@code t} (false if none is free). */
    static boolean claim(Thread t) {
        int start = start(t);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (OWNERS.getPlain(slot) == null && OWNERS.compareAndSet(slot, null, t)) {
                return true;
            }
        }
        return false;
    }

    static void release(int slot) {
        OWNERS.setRelease(slot, null);
    }

    /** Releases the slot of {@code t}, if it still holds one. */
    static void releaseOwn(Thread t) {
        int slot = find(t);
        if (slot >= 0) {
            release(slot);
        }
    }
}
