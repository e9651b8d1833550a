package dev.loomscope.agent.boot;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Static methods called from the instrumented {@code java.util.concurrent.CompletableFuture} and
 * its nested completion classes (see FutureTransformer for where each one is called); the
 * continuations' are in {@link FutureContinuations}, the events they write in {@link FutureEvents}.
 *
 * <p>Futures get ids ({@link FutureIds}) when first seen while a recording is on.
 * A future is first seen at its creation (FutureCreated) or, if it was created before, at whatever
 * hook meets it first (no FutureCreated then). Internal futures (the inner nodes of allOf's tree,
 * the whenComplete stage orTimeout/completeOnTimeout attach) are marked hidden and never reported.
 *
 * <p>Same rules as {@link Hooks}: never throw, never wait, disable everything on an internal error.
 */
public final class FutureHooks {
    /** Kinds of creation (FutureCreated.kind, FutureEdge.kind), by index. */
    public static final List<String> KINDS = List.of("new", "thenApply", "thenAccept", "thenRun",
            "thenCombine", "thenAcceptBoth", "runAfterBoth", "applyToEither", "acceptEither",
            "runAfterEither", "thenCompose", "whenComplete", "handle", "exceptionally",
            "exceptionallyCompose", "supplyAsync", "runAsync", "allOf", "anyOf", "copy",
            "minimalCompletionStage", "toCompletableFuture", "completedFuture", "failedFuture",
            "completedStage", "failedStage", "composeInner");
    /** FutureObserved.how of the methods hooked at entry: those that read the outcome (not status queries). */
    public static final List<String> OBSERVERS = List.of("join", "get", "getNow", "resultNow", "exceptionNow");

    /**
     * The fields the agent adds to CompletableFuture when it loads the class itself (FutureIds):
     * a future's id and flags. Synthetic, private, transient.
     */
    public static final String ID_FIELD = "loomscope$id";
    public static final String FLAGS_FIELD = "loomscope$flags";

    /**
     * FutureEdge.kind when it is the dependent's own kind (every edge but composeInner's): the
     * dependent's creation event says it, and JFR writes a short string out in every event.
     */
    private static final String SAME_AS_DEPENDENT = "";

    private static final String[] NAMES = KINDS.toArray(new String[0]);
    private static final String[] ASYNC_NAMES = new String[NAMES.length];
    private static final String[] HOW = OBSERVERS.toArray(new String[0]);

    static {
        for (int i = 0; i < NAMES.length; i++) {
            // Stage kinds up to exceptionallyCompose have an *Async form (executor != null).
            ASYNC_NAMES[i] = i >= 1 && i <= 14 ? NAMES[i] + "Async" : NAMES[i];
        }
    }

    private static final int WHEN_COMPLETE = KINDS.indexOf("whenComplete");
    private static final int HANDLE = KINDS.indexOf("handle");
    private static final int EXCEPTIONALLY = KINDS.indexOf("exceptionally");
    private static final int EXCEPTIONALLY_COMPOSE = KINDS.indexOf("exceptionallyCompose");
    private static final int ALL_OF = KINDS.indexOf("allOf");
    private static final int ANY_OF = KINDS.indexOf("anyOf");
    private static final int NEW = 0;
    /** OBSERVERS up to this index wait for the outcome: join, get. */
    private static final int GET = OBSERVERS.indexOf("get");

    private static volatile boolean enabled;
    /** {@code futures=failures}: the hooks report only failures nobody was there to take (FutureFailures). */
    private static volatile boolean failuresOnly;
    /** CompletableFuture$Canceller: the whenComplete action of orTimeout/completeOnTimeout. */
    private static Class<?> canceller = Void.class;

    private FutureHooks() {}

    /**
     * Resolves the internals the hooks read (CompletableFuture$AltResult.ex: java.base must open
     * java.util.concurrent to this module first). Throws if they are not there.
     */
    public static void init() throws ReflectiveOperationException {
        canceller = Class.forName("java.util.concurrent.CompletableFuture$Canceller", false, null);
        if (!FutureOutcomes.readable()) {
            throw new IllegalStateException("CompletableFuture$AltResult.ex not accessible");
        }
        // Initialize everything the hooks use now, not inside a hook.
        FutureIds.id(new CompletableFuture<>());
        EITHER.releaseOwn(Thread.currentThread());
        new OrContext(null, null, 0).kind();
        new FutureCreatedEvent().isEnabled();
        FutureEvents.edge(null, 0, SAME_AS_DEPENDENT);   // loads the class that writes the events
        FutureSites.init();
        new FutureEdgeEvent().isEnabled();
        new FutureCompletedEvent().isEnabled();
        new FutureObservedEvent().isEnabled();
        FutureContinuations.init();
        FutureRecords.init();
        if (!FutureRelays.readable()) {
            throw new IllegalStateException("CompletableFuture's completions not readable");
        }
        try {
            FutureOutcomes.exception(null);
            FutureFailures.observed(null, "");
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void enable(boolean onlyFailures) {
        failuresOnly = onlyFailures;
        enabled = true;
    }

    static void disable() {
        enabled = false;
    }

    public static boolean enabled() {
        return enabled;
    }

    private static String name(int kind, Object executor) {
        return executor != null ? ASYNC_NAMES[kind] : NAMES[kind];
    }

    private static boolean observing(int kind) {
        return kind == WHEN_COMPLETE || kind == HANDLE || kind == EXCEPTIONALLY || kind == EXCEPTIONALLY_COMPOSE;
    }

    // ---------------------------------------------------------------- creation

    /** {@code CompletableFuture()} (the public constructor) returns: a future made with {@code new}. */
    public static void constructed(Object future) {
        if (!enabled || failuresOnly) {
            return;
        }
        try {
            FutureCreatedEvent c = new FutureCreatedEvent();
            if (c.isEnabled()) {
                long id = FutureIds.claimCreation(future);
                if (id > 0) {
                    FutureEvents.created(c, id, NAMES[NEW], null, null);
                }
            }
        } catch (Throwable t) {
            AgentState.fail("FutureCreated hook", t);
        }
    }

    /**
     * A future was just created inside a creating method (a stage method, a static factory).
     * @param result its result field (non-null only for futures created completed)
     * @param src the stage's source (null for factories), {@code src2} the other one of a two-input stage
     * @param executor the stage's executor: non-null means the *Async form
     * @param fn the stage's function
     */
    public static void created(Object future, Object result, Object src, Object src2, Object executor,
                               Object fn, int kind) {
        if (!enabled) {
            return;
        }
        try {
            if (failuresOnly) {
                createdFailuresOnly(future, result, src, src2, executor, fn, kind);
                return;
            }
            if (kind == WHEN_COMPLETE && fn != null && fn.getClass() == canceller) {
                hide(future);                           // orTimeout's internal timer canceller
                return;
            }
            String name = name(kind, executor);
            FutureCreatedEvent c = new FutureCreatedEvent();
            boolean create = c.isEnabled();
            boolean edges = new FutureEdgeEvent().isEnabled();
            boolean observe = observing(kind) && src != null && new FutureObservedEvent().isEnabled();
            boolean complete = result != null && new FutureCompletedEvent().isEnabled();
            if (!(create || edges || observe || complete)) {
                return;
            }
            Object other = src2 instanceof CompletableFuture && src2 != src ? src2 : null;
            long d;
            boolean edgesWritten = false;
            if (create) {
                long claimed = FutureIds.claimCreation(future);
                d = Math.abs(claimed);
                if (claimed > 0) {
                    edgesWritten = FutureEvents.created(c, d, name, edges ? src : null, edges ? other : null);
                }
            } else {
                d = FutureIds.id(future);
            }
            if (edges && !edgesWritten) {
                String edgeKind = create ? SAME_AS_DEPENDENT : name;
                FutureEvents.edge(src, d, edgeKind);
                FutureEvents.edge(other, d, edgeKind);
            }
            if (observe && !(edges && edgesWritten)) {
                FutureEvents.observed(src, name, false);              // else its creation at a site says it: a handler's source edge
            }
            if (complete) {
                FutureEvents.completed(d, result);
            }
            Hooks.testFault();
        } catch (Throwable t) {
            AgentState.fail("FutureCreated hook", t);
        }
    }

    /**
     * {@link #created} at {@code futures=failures}: a handler stage reads its source's outcome; any
     * other stage on a failed source fails with its exception, and is judged itself.
     */
    private static void createdFailuresOnly(Object future, Object result, Object src, Object src2, Object executor,
                                            Object fn, int kind) throws Throwable {
        if (kind == WHEN_COMPLETE && fn != null && fn.getClass() == canceller) {
            FutureFailures.hide(future);
            return;
        }
        if (observing(kind)) {
            FutureFailures.observed(src, name(kind, executor));   // a handler on a source that failed
        }
        if (result != null) {
            FutureFailures.completed(future, result);
        }
    }

    /**
     * Created in uniApplyNow/uniAcceptNow/uniRunNow: a thenX stage on a completed source, unless an
     * either-stage on a completed source called it (then {@link #orNow} left its context).
     */
    public static void nowCreated(Object future, Object source, Object executor, Object fn, int kind) {
        if (!enabled) {
            return;
        }
        OrContext ctx = EITHER.releaseOwn(Thread.currentThread());
        if (ctx != null) {
            created(future, null, ctx.self(), ctx.other(), executor, fn, ctx.kind());
        } else {
            created(future, null, source, null, executor, fn, kind);
        }
    }

    /** allOf: node of andTree(cfs, lo, hi); the root (lo..hi = all) is the future allOf returns. */
    public static void andTreeNode(Object future, Object[] cfs, int lo, int hi) {
        if (!enabled) {
            return;
        }
        try {
            if (failuresOnly) {
                return;                                 // its nodes are judged as they complete
            }
            if (lo != 0 || hi != cfs.length - 1) {
                hide(future);                           // inner node of the tree
                return;
            }
            many(future, null, cfs, ALL_OF);
        } catch (Throwable t) {
            AgentState.fail("FutureCreated hook", t);
        }
    }

    /** anyOf(cfs) created its result (completed already if an input was). */
    public static void anyOfCreated(Object future, Object result, Object[] cfs) {
        if (!enabled) {
            return;
        }
        try {
            if (failuresOnly) {
                if (result != null) {
                    FutureFailures.completed(future, result);
                }
                return;
            }
            many(future, result, cfs, ANY_OF);
        } catch (Throwable t) {
            AgentState.fail("FutureCreated hook", t);
        }
    }

    private static void many(Object future, Object result, Object[] cfs, int kind) throws Throwable {
        if (cfs.length <= 2) {                          // its inputs fit where a stage's sources go: no edge events
            created(future, result, cfs.length > 0 ? cfs[0] : null, cfs.length > 1 ? cfs[1] : null, null, null, kind);
            return;
        }
        created(future, result, null, null, null, null, kind);
        if (new FutureEdgeEvent().isEnabled()) {
            long d = FutureIds.id(future);
            String edgeKind = new FutureCreatedEvent().isEnabled() ? SAME_AS_DEPENDENT : NAMES[kind];
            for (Object src : cfs) {
                FutureEvents.edge(src, d, edgeKind);
            }
        }
    }

    /** thenCompose/exceptionallyCompose: the function returned {@code inner}; the dependent relays it. */
    public static void inner(Object inner, Object dependent, int kind) {
        if (!enabled || inner == null || dependent == null) {
            return;
        }
        try {
            if (!failuresOnly && new FutureEdgeEvent().isEnabled()) {
                FutureEvents.edge(inner, FutureIds.id(dependent), NAMES[kind]);
            }
        } catch (Throwable t) {
            AgentState.fail("FutureEdge hook", t);
        }
    }

    private static void hide(Object future) {
        if (new FutureCompletedEvent().isEnabled() || new FutureContinuationEvent().isEnabled()
                || new FutureObservedEvent().isEnabled()) {
            FutureIds.hide(future);
        }
    }

    // ---------------------------------------------------------------- either-stage on a completed source

    /** Context left by orApplyStage/orAcceptStage/orRunStage for the uniXNow call they make next. */
    private record OrContext(Object self, Object other, int kind) {
    }

    /** Held only for the uniXNow call an either-stage makes on a completed source. */
    private static final ThreadSlots<OrContext> EITHER = new ThreadSlots<>(64, 8);

    /** Before orXStage calls z.uniXNow(...): remember the either-stage's kind and its two sources. */
    public static void orNow(Object self, Object other, int kind) {
        if (!enabled) {
            return;
        }
        try {
            EITHER.claim(Thread.currentThread(), new OrContext(self, other, kind));
        } catch (Throwable t) {
            AgentState.fail("FutureCreated hook", t);
        }
    }

    /** After that call returns: drop the context if nowCreated did not take it. */
    public static void orNowDone() {
        if (!enabled) {
            return;
        }
        EITHER.releaseOwn(Thread.currentThread());
    }

    // ---------------------------------------------------------------- completion

    /** Return of completeValue/completeThrowable/completeRelay/completeNull/internalComplete. */
    public static void completed(boolean done, Object future, Object result) {
        if (!done || !enabled) {
            return;
        }
        resultSet(future, result);
    }

    /** {@code future.result = result} (stage methods completing a new dependent, obtrude*, allOf). */
    public static void resultSet(Object future, Object result) {
        if (!enabled || result == null) {
            return;
        }
        try {
            if (failuresOnly) {
                FutureFailures.completed(future, result);
            } else if (new FutureCompletedEvent().isEnabled()) {
                long id = FutureIds.shownId(future);
                if (id != 0 && !FutureContinuations.completedIn(id, result)) {
                    FutureEvents.completed(id, result);
                }
                Hooks.testFault();
            }
        } catch (Throwable t) {
            AgentState.fail("FutureCompleted hook", t);
        }
    }

    // ---------------------------------------------------------------- observation

    /** Entry of join/get/getNow/resultNow/exceptionNow. */
    public static void observed(Object future, int how) {
        if (!enabled) {
            return;
        }
        try {
            if (failuresOnly) {
                FutureFailures.observed(future, HOW[how]);
            } else if (new FutureObservedEvent().isEnabled()) {
                FutureEvents.observed(future, HOW[how], how <= GET);
            }
        } catch (Throwable t) {
            AgentState.fail("FutureObserved hook", t);
        }
    }

    /** Whether every future is reported ({@code futures=on}), not only the failures. */
    static boolean reportsEverything() {
        return enabled && !failuresOnly;
    }

    /** No recording runs any more: drop the ids of the futures seen (they would be kept until the next one). */
    static void recordingsStopped() {
        FutureIds.recordingsStopped();
        FutureFailures.recordingsStopped();
    }
}
