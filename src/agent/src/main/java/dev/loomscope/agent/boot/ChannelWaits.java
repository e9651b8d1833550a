package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The blocking-queue operations in progress, by thread, so that the end of every chunk can say
 * which threads are inside {@code put}, {@code take}... and on which queue
 * ({@link ChannelWaitingEvent}). Only operations that can block are tracked.
 *
 * <p>A fixed table probed like {@link ReentryGuard}'s, no ThreadLocal: when the probed slots are
 * all taken the operation is not tracked (it never waits, never allocates). The reader checks that
 * a slot's operation belongs to the slot's thread, since it reads the two without a lock.
 */
final class ChannelWaits {
    private static final int SLOTS = 4096;    // power of two
    private static final int PROBES = 16;
    private static final AtomicReferenceArray<Thread> THREADS = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicReferenceArray<ChannelOpEvent> OPS = new AtomicReferenceArray<>(SLOTS);

    private ChannelWaits() {}

    /** Records that {@code t} is in {@code op}; returns the slot to release, or -1 if untracked. */
    static int enter(Thread t, ChannelOpEvent op) {
        int start = (int) ((t.threadId() * 0x9E3779B97F4A7C15L) >>> 52);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (THREADS.getPlain(slot) == null && THREADS.compareAndSet(slot, null, t)) {
                op.waiter = t;
                OPS.setRelease(slot, op);
                return slot;
            }
        }
        return -1;
    }

    static void exit(int slot) {
        OPS.setPlain(slot, null);
        THREADS.setRelease(slot, null);
    }

    /** Commits a {@link ChannelWaitingEvent} per tracked operation (JFR's periodic thread, at chunk end). */
    static void commitWaiting() {
        try {
            for (int slot = 0; slot < SLOTS; slot++) {
                Thread t = THREADS.getAcquire(slot);
                ChannelOpEvent op = t == null ? null : OPS.getAcquire(slot);
                if (op != null && op.waiter == t) {
                    ChannelWaitingEvent e = new ChannelWaitingEvent();
                    if (!e.shouldCommit()) {
                        return;
                    }
                    e.waiter = t;
                    e.channelId = op.channelId;
                    e.channelClass = op.channelClass;
                    e.capacity = op.capacity;
                    e.op = op.op;
                    e.timed = op.timed;
                    e.commit();
                }
            }
        } catch (Throwable t) {
            AgentState.fail("ChannelWaiting periodic hook", t);
        }
    }
}
