package dev.loomscope.agent.boot;

/**
 * The hooks around each call of a stage's user function (see FutureTransformer): the time a
 * continuation ran, and on which thread. Reported at {@code futures=on} only. Same rules as
 * {@link Hooks}: never throw, never wait.
 *
 * <p>Most stages complete their future right after the function returns, on the same thread, in
 * the same JDK method ({@code d.completeValue(f.apply(t))}). The continuation's event is therefore
 * ended when the function returns but committed only when that completion comes, carrying its
 * outcome ({@link #completedIn}): one event where there were two, the fan-out's eight a request of
 * about thirty-five. When no completion comes (a {@code thenCompose} whose inner future is still
 * running), the event is committed as the method exits ({@link #contDone}). On a virtual thread the
 * run is a record on its carrier instead ({@link FutureRecords}), timed here.
 */
public final class FutureContinuations {
    private static final byte RUNNING = 0;
    private static final byte ENDED = 1;
    private static final byte COMMITTED = 2;
    /** A thread's ended continuation awaiting its completion: only between a function's return and its method's exit. */
    private static final ThreadSlots<FutureContinuationEvent> ENDED_ON = new ThreadSlots<>(256, 8);

    private FutureContinuations() {}

    /** Just before the user function of {@code dependent} is invoked. Returns the token for contEnd. */
    public static Object contBegin(Object dependent) {
        if (dependent == null || !FutureHooks.reportsEverything()) {
            return null;
        }
        try {
            FutureContinuationEvent e = new FutureContinuationEvent();
            if (!e.isEnabled()) {
                return null;
            }
            long id = FutureIds.shownId(dependent);
            if (id == 0) {
                return null;
            }
            e.futureId = id;
            Hooks.testFault();
            if (FutureRecords.batches()) {
                e.batched = true;
                e.startNanos = System.nanoTime();
            } else {
                e.begin();
            }
            return e;
        } catch (Throwable t) {
            AgentState.fail("FutureContinuation hook", t);
            return null;
        }
    }

    /**
     * The function returned or threw (called after it, and at the start of the method's catch
     * handlers: the second call does nothing). Ends the event; it waits for the completion.
     */
    public static void contEnd(Object token) {
        if (token == null) {
            return;
        }
        try {
            FutureContinuationEvent e = (FutureContinuationEvent) token;
            if (e.phase != RUNNING) {
                return;
            }
            end(e);
            e.phase = ENDED;
            if (!ENDED_ON.put(Thread.currentThread(), e)) {
                commit(e);                       // no room to wait: committed now, its completion apart
            }
        } catch (Throwable t) {
            AgentState.fail("FutureContinuation hook", t);
        }
    }

    /** Before every return and throw of the method that called the function: commits an event no completion took. */
    public static void contDone(Object token) {
        if (token == null) {
            return;
        }
        try {
            FutureContinuationEvent e = (FutureContinuationEvent) token;
            if (e.phase == COMMITTED) {
                return;
            }
            if (e.phase == RUNNING) {
                end(e);                          // left without passing a handler: it never waited
            } else {
                int slot = ENDED_ON.find(Thread.currentThread());
                if (slot >= 0 && ENDED_ON.value(slot) == e) {
                    ENDED_ON.release(slot);
                }
            }
            commit(e);
        } catch (Throwable t) {
            AgentState.fail("FutureContinuation hook", t);
        }
    }

    /**
     * In the completion hook, on the completing thread: when the continuation this thread just
     * ended is the future's own, commits it with the outcome and returns true (no FutureCompleted).
     */
    static boolean completedIn(long futureId, Object result) throws Throwable {
        int slot = ENDED_ON.find(Thread.currentThread());
        FutureContinuationEvent e = slot < 0 ? null : ENDED_ON.value(slot);
        if (e == null || e.phase != ENDED || e.futureId != futureId) {
            return false;
        }
        ENDED_ON.release(slot);
        e.completed = true;
        Throwable x = FutureOutcomes.exception(result);
        if (x != null) {
            if (e.batched) {
                e.completed = false;             // a record carries no exception: its FutureCompleted says it
                commit(e);
                return false;
            }
            e.exceptionClass = x.getClass();
            e.thrownAt = FutureOutcomes.thrownAt(x);
        }
        commit(e);
        return true;
    }

    private static void end(FutureContinuationEvent e) {
        if (e.batched) {
            e.endNanos = System.nanoTime();
        } else {
            e.end();
        }
    }

    /**
     * Commits the run: a virtual thread's as a record on its carrier; when its carrier's batch is
     * not at hand, not at all (JFR did not time it), its completion still reported by the caller.
     */
    private static void commit(FutureContinuationEvent e) throws Throwable {
        e.phase = COMMITTED;
        if (!FutureHooks.enabled()) {
            return;
        }
        if (!e.batched) {
            e.commit();
        } else if (!FutureRecords.add(FutureRecords.CONTINUATION | (e.completed ? FutureRecords.COMPLETES : 0),
                e.futureId, 0, 0, 0, e.startNanos, e.endNanos - e.startNanos) && e.completed) {
            FutureEvents.completed(e.futureId, null);
        }
    }

    /** Initializes what the hooks use, outside any hook. */
    static void init() {
        ENDED_ON.find(Thread.currentThread());
        new FutureContinuationEvent().isEnabled();
    }
}
