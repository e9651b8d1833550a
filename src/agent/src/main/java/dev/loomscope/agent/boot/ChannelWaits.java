package dev.loomscope.agent.boot;

/**
 * The blocking-queue operations in progress, by thread, so that the end of every chunk can say
 * which threads are inside {@code put}, {@code take}... and on which queue
 * ({@link ChannelWaitingEvent}). Only operations that can block are tracked.
 *
 * <p>A {@link ThreadSlots} table: when it is full the operation is not tracked. The reader checks
 * that a slot's operation belongs to the slot's thread, since it reads the two without a lock.
 */
final class ChannelWaits {
    /** Many threads may wait at once (a leak holds thousands): a larger table than the others. */
    private static final ThreadSlots<ChannelOpEvent> IN_OPERATION = new ThreadSlots<>(4096, 16);

    private ChannelWaits() {}

    /** Records that {@code t} is in {@code op}; returns the slot to release, or -1 if untracked. */
    static int enter(Thread t, ChannelOpEvent op) {
        op.waiter = t;
        return IN_OPERATION.claim(t, op);
    }

    static void exit(int slot) {
        if (slot >= 0) {
            IN_OPERATION.release(slot);
        }
    }

    /** Commits a {@link ChannelWaitingEvent} per tracked operation (JFR's periodic thread, at chunk end). */
    static void commitWaiting() {
        try {
            for (int slot = 0; slot < IN_OPERATION.capacity(); slot++) {
                Thread t = IN_OPERATION.owner(slot);
                ChannelOpEvent op = t == null ? null : IN_OPERATION.value(slot);
                if (op != null && op.waiter == t) {
                    ChannelWaitingEvent e = new ChannelWaitingEvent();
                    if (!e.shouldCommit()) {
                        return;
                    }
                    e.waiter = t;
                    e.channelId = op.channelId;
                    e.channelClass = op.queueClass;
                    e.capacity = op.queueCapacity;
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
