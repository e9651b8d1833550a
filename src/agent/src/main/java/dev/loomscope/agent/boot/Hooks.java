package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Static methods called from the instrumented {@code java.lang.VirtualThread}.
 *
 * <p>Every run of every virtual thread is batched on its carrier ({@link CarrierRuns}), with who
 * made it runnable and how long it waited for the carrier ({@link SubmitTimes}): at every level, for
 * about a tenth of what an event per submit, mount and unmount cost. The threads the level reports
 * (1 in 16 at {@code sampled}, all at {@code full}, none at {@code runs}) also commit an event where
 * each of their parks begins: naming the blocking call of the program's code it is in
 * ({@link BlockSites}), else with its stack ({@link BlockBeginEvent}).
 *
 * <p>Rules for every hook: check {@link #enabled} first; catch every Throwable and turn the
 * agent off instead of throwing into the JDK; never park, yield or take a lock of our own.
 * Carrier-side hooks (mount, unmount, submit after yield) commit events without strings
 * longer than 16 chars, so JFR's string pool (a monitor) is never entered there.
 */
public final class Hooks {
    /** The virtual threads inside a BlockBegin hook now. */
    private static final ThreadSlots<Void> IN_HOOK = new ThreadSlots<>(64, 8);
    /** Checked first in each hook; cleared forever after an internal error. */
    private static volatile boolean enabled;

    /** Unmount reason indexed by VirtualThread state (SUSPENDED bit masked), as {@link CarrierRuns} codes it. */
    private static int[] reasonCodes = new int[0];
    private static int suspendedBit;

    /**
     * Level {@code sampled}: only the parks of virtual threads whose mixed id has these bits clear
     * are reported (1 in mask + 1), exactly; 0 reports every thread's ({@code full}).
     */
    private static int sampleMask;
    /** Level {@code runs}: no thread's parks are reported. */
    private static boolean noneReported;

    /** Test switch: throw inside a hook on this call number (0 = never). */
    private static long failAt;
    private static final AtomicLong CALLS = new AtomicLong();

    private Hooks() {}

    /** Installed by the transformer from the constants of the class it instruments. */
    public static void configure(String[] reasonByState, int suspended, long failAtCall) {
        int[] codes = new int[reasonByState.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = CarrierRuns.reasonCode(reasonByState[i]);
        }
        reasonCodes = codes;
        suspendedBit = suspended;
        failAt = failAtCall;
    }

    public static void enable() {
        enabled = true;
    }

    /** Reports 1 virtual thread in {@code oneIn} (a power of two; 1 for all). Set before {@link #enable}. */
    public static void sample(int oneIn) {
        noneReported = oneIn == 0;
        sampleMask = Math.max(1, Integer.highestOneBit(oneIn)) - 1;
    }

    /** Whether this virtual thread is one of those reported: the same answer for its whole life. */
    private static boolean reported(Thread vthread) {
        if (noneReported) {
            return false;
        }
        int mask = sampleMask;
        return mask == 0 || ((vthread.threadId() * 0x9E3779B97F4A7C15L) >>> 40 & mask) == 0;
    }

    /** Whether {@code thread} is a virtual thread whose parks are reported now. */
    static boolean reports(Thread thread) {
        return enabled && thread.isVirtual() && reported(thread);
    }

    static void disable() {
        enabled = false;
    }

    /** VirtualThread.mount() entry: current thread is still the carrier. */
    public static void mount(Thread vthread) {
        if (!enabled) {
            return;
        }
        try {
            CarrierRuns.mounted(Thread.currentThread(), vthread);
        } catch (Throwable t) {
            AgentState.fail("Mount hook", t);
        }
    }

    /** VirtualThread.unmount() return: Thread.currentThread() is the carrier again. */
    public static void unmount(Thread vthread, int state) {
        if (!enabled) {
            return;
        }
        try {
            CarrierRuns.unmounted(Thread.currentThread(), vthread, reasonCode(state));
            testFault();
        } catch (Throwable t) {
            AgentState.fail("Unmount hook", t);
        }
    }

    /**
     * Before the virtual thread's task is handed to the scheduler; any thread, the waker. Not when
     * it is the carrier that has just unmounted the thread: an unpark that came while the thread was
     * still parking left its permit, and the carrier submits the thread for it (the unparker is not
     * known there), as it does after a yield.
     */
    public static void submit(Thread vthread) {
        if (!enabled) {
            return;
        }
        try {
            Thread waker = Thread.currentThread();
            boolean unknown = waker == vthread || !waker.isVirtual() && CarrierRuns.justUnmounted(waker, vthread);
            SubmitTimes.submitted(vthread, System.nanoTime(), unknown ? 0 : waker.threadId());
            testFault();
        } catch (Throwable t) {
            AgentState.fail("Submit hook", t);
        }
    }

    /**
     * VirtualThread.park() entry, on the virtual thread, mounted on {@code carrier}. {@code permit}
     * is the park permit read at entry: if set, park returns at once and there is no block to report.
     * The event is committed here (not in a helper) so the stack starts one frame above park().
     */
    public static void park(Thread vthread, Thread carrier, boolean permit) {
        if (!enabled || permit || !reported(vthread)) {
            return;
        }
        int slot = enterHook(vthread);
        if (slot < 0) {
            return;
        }
        try {
            if (!BlockSites.blockBegan(vthread, carrier, 0L)) {
                BlockBeginEvent e = new BlockBeginEvent();
                if (e.shouldCommit()) {
                    e.blocker = blockerName(vthread);
                    e.timeoutNanos = 0L;
                    e.commit();
                }
            }
            testFault();
        } catch (Throwable t) {
            AgentState.fail("BlockBegin hook", t);
        } finally {
            IN_HOOK.release(slot);
        }
    }

    /** VirtualThread.parkNanos(long) entry (also Thread.sleep), on the virtual thread. */
    public static void parkNanos(Thread vthread, Thread carrier, boolean permit, long nanos) {
        if (!enabled || permit || nanos <= 0 || !reported(vthread)) {
            return;
        }
        int slot = enterHook(vthread);
        if (slot < 0) {
            return;
        }
        try {
            if (!BlockSites.blockBegan(vthread, carrier, nanos)) {
                BlockBeginEvent e = new BlockBeginEvent();
                if (e.shouldCommit()) {
                    e.blocker = blockerName(vthread);
                    e.timeoutNanos = nanos;
                    e.commit();
                }
            }
            testFault();
        } catch (Throwable t) {
            AgentState.fail("BlockBegin hook", t);
        } finally {
            IN_HOOK.release(slot);
        }
    }

    /**
     * Claims {@code vthread}'s place among the threads inside a BlockBegin hook; -1 when it is in
     * one already (re-entered through JFR's own parking) or the table is full: skip the event.
     * Only mounted threads can be inside a hook (hooks never yield), so a few slots per carrier do.
     */
    private static int enterHook(Thread vthread) {
        return IN_HOOK.find(vthread) >= 0 ? -1 : IN_HOOK.claim(vthread, null);
    }

    private static String blockerName(Thread vthread) {
        Object blocker = LockSupport.getBlocker(vthread);
        return blocker == null ? "" : blocker.getClass().getName();
    }

    private static int reasonCode(int state) {
        int s = state & ~suspendedBit;
        int[] table = reasonCodes;
        return s >= 0 && s < table.length ? table[s] : CarrierRuns.OTHER;
    }

    /** Test switch (testFailAfter): every hook of every group calls this once per call. */
    static void testFault() {
        if (failAt != 0 && CALLS.incrementAndGet() == failAt) {
            throw new IllegalStateException("test fault on hook call " + failAt);
        }
    }
}
