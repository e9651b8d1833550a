package dev.loomscope.agent.boot;

/**
 * The site of the blocking call in the program's code that a reported virtual thread is in
 * ({@link CallSites}): a park inside it commits {@link BlockBeginAtSiteEvent}, naming the site,
 * instead of {@link BlockBeginEvent} and its stack, which were the largest part of the full
 * capture's cost once the futures' stacks were gone.
 *
 * <p>The instrumented call is bracketed, {@link #at} before it and {@link #done} after, whether it
 * returns or throws, so every park between the two is inside the call: a call that parks twice
 * (a lock, then a condition) names its site twice. A call inside such a call (a subclass's
 * override calling its super) names its own site until it returns; the outer call's later parks
 * take a stack. A thread keeps its slot while it is parked in the call: the table is large, and
 * when it is full the park takes a stack as before.
 */
public final class BlockSites {
    private static final ThreadSlots<CallSites.Site> PENDING = new ThreadSlots<>(1 << 16, 16);
    /** Whether the blocking calls are bracketed at all: else a park does not look in the table. */
    private static volatile boolean bracketed;

    private BlockSites() {
    }

    /** Before an instrumented blocking call. */
    public static void at(int site) {
        try {
            Thread thread = Thread.currentThread();
            if (!Hooks.reports(thread)) {
                return;                          // a platform thread's waits are JFR's; a thread not sampled
            }
            PENDING.put(thread, CallSites.get(site));  // a full table: its parks take a stack
        } catch (Throwable t) {
            AgentState.fail("blocking call site hook", t);
        }
    }

    /** After the instrumented call returned or threw. */
    public static void done() {
        try {
            Thread thread = Thread.currentThread();
            if (Hooks.reports(thread)) {
                PENDING.releaseOwn(thread);
            }
        } catch (Throwable t) {
            AgentState.fail("blocking call site hook", t);
        }
    }

    /**
     * In a park hook, on the parking virtual thread, mounted on {@code carrier}: when it is inside a
     * bracketed call, the site travels in the run this park ends ({@link CarrierRuns#parking}), or,
     * when its carrier's batch is not at hand, in a BlockBeginAtSite; false when it is not inside one
     * (or the events are off): the hook takes a stack.
     */
    static boolean blockBegan(Thread vthread, Thread carrier, long timeoutNanos) {
        CallSites.Site site = pending(vthread);
        if (CarrierRuns.parking(carrier, vthread, site == null ? 0 : site.id)) {
            return true;
        }
        if (site == null) {
            return false;
        }
        BlockBeginAtSiteEvent e = new BlockBeginAtSiteEvent();
        e.site = site.id;
        e.timeoutNanos = timeoutNanos;
        e.commit();
        return true;
    }

    /** The announced site of the bracketed call {@code vthread} is in, when parks are to name it; else null. */
    private static CallSites.Site pending(Thread vthread) {
        if (!bracketed || !new BlockBeginAtSiteEvent().shouldCommit()) {
            return null;
        }
        int slot = PENDING.find(vthread);
        CallSites.Site site = slot < 0 ? null : PENDING.value(slot);
        return site != null && CallSites.announced(site) ? site : null;
    }

    /** Initializes what the hooks use, outside any hook, before the blocking calls are bracketed. */
    public static void init() {
        PENDING.find(Thread.currentThread());
        new CallSiteEvent().isEnabled();
        new BlockBeginAtSiteEvent().isEnabled();
        bracketed = true;
    }
}
