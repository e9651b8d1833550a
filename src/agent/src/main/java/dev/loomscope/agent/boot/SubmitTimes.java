package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When each runnable virtual thread was handed to its scheduler, and by which thread, until a
 * carrier mounts it: the batched runs then say how long each run waited for its carrier and who
 * made it runnable ({@link CarrierRuns}), with no event of its own. Written by the submitting
 * thread, taken by the carrier that mounts the thread (the scheduler's queue orders the two). A fixed table: only threads waiting for a carrier are in
 * it; when the few slots a thread may use are taken (thousands waiting at once), its wait goes
 * unmeasured and the reader keeps it part of the thread's wait, as without this table. Never
 * waits, never allocates.
 */
final class SubmitTimes {
    private static final int SLOTS = 1 << 14;
    private static final int PROBES = 16;
    private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(SLOTS);

    private static final AtomicReferenceArray<Thread> OWNERS = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicLongArray TIMES = new AtomicLongArray(SLOTS);
    /** The waker's thread id; written before the time is published, read after it is. */
    private static final long[] WAKERS = new long[SLOTS];

    private SubmitTimes() {
    }

    /**
     * {@code vthread} became runnable at {@code nanoTime}, made so by the thread of id {@code waker}
     * (0: itself, a yield); a second submit before its mount keeps the first.
     */
    static void submitted(Thread vthread, long nanoTime, long waker) {
        int start = start(vthread);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            Thread owner = OWNERS.getAcquire(slot);
            if (owner == vthread) {
                return;
            }
            if (owner == null && OWNERS.compareAndSet(slot, null, vthread)) {
                WAKERS[slot] = waker;
                TIMES.setRelease(slot, nanoTime);
                return;
            }
        }
    }

    /**
     * The slot holding {@code vthread}'s submit, now that it is mounting, or -1 when not known; the
     * carrier reads it ({@link #time}, {@link #waker}) and then {@link #forget}s it.
     */
    static int mounted(Thread vthread) {
        int start = start(vthread);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (OWNERS.getAcquire(slot) == vthread) {
                return slot;
            }
        }
        return -1;
    }

    /** When the submit in {@code slot} happened (System.nanoTime). */
    static long time(int slot) {
        return TIMES.getAcquire(slot);
    }

    static long waker(int slot) {
        return WAKERS[slot];
    }

    static void forget(int slot) {
        OWNERS.setRelease(slot, null);
    }

    private static int start(Thread t) {
        return (int) ((t.threadId() * 0x9E3779B97F4A7C15L) >>> SHIFT);
    }
}
