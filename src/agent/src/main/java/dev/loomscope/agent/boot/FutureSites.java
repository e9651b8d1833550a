package dev.loomscope.agent.boot;

/**
 * The site of the call in the program's code that a thread is in, when that call creates futures
 * ({@link CallSites}): a future it makes is placed by the site's id rather than by a stack.
 *
 * <p>The instrumented call is bracketed, {@link #at} before it and {@link #done} after, whether it
 * returns or throws. The future's creation hook, on the same thread and before any of the program's
 * code runs again, takes the site when its kind is the one the call makes ({@link #take}); a call
 * that made none (a CompletionStage that is no CompletableFuture) leaves it to {@code done}.
 */
public final class FutureSites {
    /** The site of the call a thread is in, until the creation hook takes it or the call returns. */
    private static final ThreadSlots<CallSites.Site> PENDING = new ThreadSlots<>(256, 8);

    private FutureSites() {
    }

    /** Before an instrumented call: the thread is about to create a future at {@code site}. */
    public static void at(int site) {
        try {
            // A call inside a call: the inner one's is pending now. A full table: the future takes a stack.
            PENDING.put(Thread.currentThread(), CallSites.get(site));
        } catch (Throwable t) {
            AgentState.fail("call site hook", t);
        }
    }

    /** After the instrumented call returned or threw: nothing is pending any more. */
    public static void done() {
        try {
            PENDING.releaseOwn(Thread.currentThread());
        } catch (Throwable t) {
            AgentState.fail("call site hook", t);
        }
    }

    /** The site of the call the current thread is in, if it creates a future of {@code kind}; taken. */
    static CallSites.Site take(String kind) {
        Thread thread = Thread.currentThread();
        int slot = PENDING.find(thread);
        if (slot < 0) {
            return null;
        }
        CallSites.Site s = PENDING.value(slot);
        if (s == null || !s.kind.equals(kind)) {
            return null;                         // made by something inside the call: the call's own comes later
        }
        PENDING.clearValue(slot);                // done() releases it, found at the first probes
        return s;
    }

    /** Initializes what the hooks use, outside any hook. */
    static void init() {
        take("");
        new CallSiteEvent().isEnabled();
        new FutureCreatedAtSiteEvent().isEnabled();
    }
}
