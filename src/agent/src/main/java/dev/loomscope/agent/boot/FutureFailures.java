package dev.loomscope.agent.boot;

import java.util.concurrent.CancellationException;

/**
 * The future hooks at the cheap levels ({@code futures=failures}): only what it takes to find a
 * failure nobody reads, for a check per hook call on the common path.
 *
 * <p>A future that fails with something attached that takes the failure on (a dependent stage, a
 * handler, a thread in join or get) passes it on: nothing to report. One that fails with nothing
 * to take it, or only a relay of {@code allOf}/{@code anyOf} that drops it (FutureRelays), is a
 * <em>candidate</em>: a {@code FutureCompleted} with its exception, where it was thrown, and the
 * exception's id. Reading a failed future's outcome (join, get, getNow, resultNow, exceptionNow, a
 * handler stage attached to it) gives a {@code FutureObserved} with that exception's id.
 *
 * <p>The verdict is the exception's: a failure passed along a chain or through an {@code allOf}
 * is the same exception object at every step, so a candidate whose exception someone read
 * anywhere was observed. That is what lets a relay be judged on the spot: an {@code allOf} node
 * whose left input still runs may drop its right input's failure or pass it on; either way the
 * exception is seen downstream or reported once.
 */
final class FutureFailures {
    private static final int CANDIDATE = 1;
    private static final int HIDDEN = 2;
    /** FutureObserved.how of a failure read by a thread that was already waiting in join or get. */
    private static final String WAITER = "waiter";

    /** Candidate and hidden futures. */
    private static final IdMap FUTURES = new IdMap();
    /** The exceptions of failures reported or read, for their ids. */
    private static final IdMap EXCEPTIONS = new IdMap();

    private FutureFailures() {}

    /** {@code future} completed with {@code result} (any hook that sees a result set). */
    static void completed(Object future, Object result) throws Throwable {
        Throwable x = FutureOutcomes.exception(result);
        if (x == null || x instanceof CancellationException) {
            return;                     // a cancellation is a stop someone chose, not a failure to read
        }
        if (FutureRelays.takenOn(future)) {
            if (FutureRelays.awaited(future)) {
                readByWaiter(x);
            }
            return;
        }
        FutureCompletedEvent e = new FutureCompletedEvent();
        if (!e.isEnabled()) {
            return;
        }
        IdMap.Entry f = FUTURES.getOrAdd(future);
        if (f.has(HIDDEN) || !f.claim(CANDIDATE)) {
            return;
        }
        e.futureId = f.id;
        e.exceptionClass = x.getClass();
        e.thrownAt = FutureOutcomes.thrownAt(x);
        e.exceptionId = EXCEPTIONS.getOrAdd(x).id;
        e.commit();
    }

    /**
     * Someone read {@code future}'s outcome ({@code how}): join, get..., or a handler stage
     * attached to it. Reported only when it holds a failure, whose exception is then observed.
     */
    static void observed(Object future, String how) throws Throwable {
        Object result = future == null ? null : FutureRelays.resultOf(future);
        Throwable x = FutureOutcomes.exception(result);
        if (x == null || x instanceof CancellationException) {
            return;
        }
        FutureObservedEvent e = new FutureObservedEvent();
        if (!e.isEnabled()) {
            return;
        }
        IdMap.Entry f = FUTURES.find(future);
        e.futureId = f != null && f.has(CANDIDATE) ? f.id : 0;
        e.how = how;
        e.exceptionId = EXCEPTIONS.getOrAdd(x).id;
        e.commit();
    }

    /**
     * A thread already in join or get reads {@code x} as it wakes. The failure may have come from
     * a future that failed with nothing attached (a failedFuture a thenCompose returned, its
     * outcome copied without a hook): without this, that candidate was reported unread.
     */
    private static void readByWaiter(Throwable x) {
        FutureObservedEvent e = new FutureObservedEvent();
        if (e.isEnabled()) {
            e.futureId = 0;
            e.how = WAITER;
            e.exceptionId = EXCEPTIONS.getOrAdd(x).id;
            e.commit();
        }
    }

    /** An internal future of the JDK's (orTimeout's canceller stage): never reported. */
    static void hide(Object future) {
        FUTURES.getOrAdd(future).claim(HIDDEN);
    }

    static void recordingsStopped() {
        FUTURES.clear();
        EXCEPTIONS.clear();
    }
}
