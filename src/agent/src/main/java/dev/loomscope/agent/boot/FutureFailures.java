package dev.loomscope.agent.boot;

import java.util.concurrent.CancellationException;

/**
 * The future hooks at the cheap levels ({@code futures=failures}): only what it takes to find a
 * failure nobody reads, for a check per hook call on the common path.
 *
 * <p>A future that fails with something attached (a dependent stage, a relay, a thread in join or
 * get) passes its failure on: nothing to report. One that fails with nothing attached is a
 * <em>candidate</em>: it gets an id and a {@code FutureCompleted} with its exception and where it
 * was thrown. If anyone later reads it (join, get, getNow, resultNow, exceptionNow) or attaches a
 * stage to it, a {@code FutureObserved} follows. A candidate never observed by the end is an
 * unobserved failure.
 *
 * <p>Known gap, missed rather than misreported: {@code allOf} passes on only its first failed
 * input's failure and {@code anyOf} only the first outcome; inputs relayed that way count as
 * passed on here, where the full level tells them apart.
 */
final class FutureFailures {
    /** Entry flags. */
    private static final int CANDIDATE = 1;
    private static final int OBSERVED = 2;
    private static final int HIDDEN = 4;

    private static final IdMap FAILED = new IdMap();
    /** Set once the first candidate exists: until then observations need no lookup at all. */
    private static volatile boolean anyCandidate;

    private FutureFailures() {}

    /** {@code future} completed with {@code result} (any hook that sees a result set). */
    static void completed(Object future, Object result) throws Throwable {
        Throwable x = FutureOutcomes.exception(result);
        if (x == null || x instanceof CancellationException || FutureOutcomes.hasDependents(future)) {
            return;                     // a cancellation is a stop someone chose, not a failure to read
        }
        FutureCompletedEvent e = new FutureCompletedEvent();
        if (!e.isEnabled()) {
            return;
        }
        IdMap.Entry f = FAILED.getOrAdd(future);
        if (f.has(HIDDEN) || !f.claim(CANDIDATE)) {
            return;
        }
        anyCandidate = true;
        e.futureId = f.id;
        e.exceptionClass = x.getClass();
        e.thrownAt = FutureOutcomes.thrownAt(x);
        e.commit();
    }

    /** Someone read {@code future}'s outcome, or attached a stage to it ({@code how}). */
    static void observed(Object future, String how) {
        if (!anyCandidate || future == null) {
            return;
        }
        IdMap.Entry f = FAILED.find(future);
        if (f != null && f.has(CANDIDATE) && f.claim(OBSERVED)) {
            FutureObservedEvent e = new FutureObservedEvent();
            e.futureId = f.id;
            e.how = how;
            e.commit();
        }
    }

    /** An internal future of the JDK's (orTimeout's canceller stage): never reported. */
    static void hide(Object future) {
        FAILED.getOrAdd(future).claim(HIDDEN);
    }

    static void recordingsStopped() {
        FAILED.clear();
        anyCandidate = false;
    }
}
