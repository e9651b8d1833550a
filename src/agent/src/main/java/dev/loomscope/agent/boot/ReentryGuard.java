package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-thread re-entry guard for hooks that run on virtual threads.
 *
 * <p>A ThreadLocal would allocate a map in every virtual thread that ever parks (millions
 * in some hosts), so this is a small table of the threads currently inside a guarded hook.
 * Only mounted threads can be inside a hook (hooks never yield), so a few slots per
 * carrier suffice; when the probed slots are busy the event is skipped, never waited for.
 */
final class ReentryGuard {
    static final int NONE = -1;
    private static final int SLOTS = 64;      // power of two
    private static final int PROBES = 8;
    private static final AtomicReferenceArray<Thread> OWNERS = new AtomicReferenceArray<>(SLOTS);

    private ReentryGuard() {}

    /** Returns the slot to pass to {@link #exit}, or {@link #NONE} if the caller must skip. */
    static int enter(Thread t) {
        int start = (int) ((t.threadId() * 0x9E3779B97F4A7C15L) >>> 58);   // 6 bits
        int free = NONE;
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            Thread owner = OWNERS.getPlain(slot);   // our own entry is always visible to us
            if (owner == t) {
                return NONE;                        // re-entered from inside our own hook
            }
            if (owner == null && free == NONE) {
                free = slot;
            }
        }
        return free != NONE && OWNERS.compareAndSet(free, null, t) ? free : NONE;
    }

    static void exit(int slot) {
        OWNERS.setRelease(slot, null);
    }
}
