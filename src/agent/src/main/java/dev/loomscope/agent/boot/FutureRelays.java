package dev.loomscope.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a failure is taken on by what is attached to the future, read from JDK 25's
 * CompletableFuture internals as the future fails (before its completions fire). Most completions
 * take it on. The relays of {@code allOf} and {@code anyOf} may not: {@code allOf} passes on the
 * failure of its first failed input in argument order (each node of its tree, a {@code BiRelay},
 * takes its left input's failure over its right one's), {@code anyOf} only the first outcome.
 */
final class FutureRelays {
    private static final Class<?> BI_RELAY;
    private static final Class<?> CO_COMPLETION;
    private static final Class<?> ANY_OF;
    private static final Class<?> SIGNALLER;
    private static final MethodHandle STACK;
    private static final MethodHandle RESULT;
    private static final MethodHandle NEXT;
    private static final MethodHandle SRC;
    private static final MethodHandle DEP;
    private static final MethodHandle BASE;
    private static final MethodHandle ANY_DEP;

    static {
        try {
            String cf = "java.util.concurrent.CompletableFuture$";
            Class<?> completion = Class.forName(cf + "Completion", false, null);
            Class<?> uni = Class.forName(cf + "UniCompletion", false, null);
            Class<?> bi = Class.forName(cf + "BiCompletion", false, null);
            BI_RELAY = Class.forName(cf + "BiRelay", false, null);
            CO_COMPLETION = Class.forName(cf + "CoCompletion", false, null);
            ANY_OF = Class.forName(cf + "AnyOf", false, null);
            SIGNALLER = Class.forName(cf + "Signaller", false, null);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STACK = getter(lookup, CompletableFuture.class, "stack", completion);
            RESULT = getter(lookup, CompletableFuture.class, "result", Object.class);
            NEXT = getter(lookup, completion, "next", completion);
            SRC = getter(lookup, uni, "src", CompletableFuture.class);
            DEP = getter(lookup, uni, "dep", CompletableFuture.class);
            BASE = getter(lookup, CO_COMPLETION, "base", bi);
            ANY_DEP = getter(lookup, ANY_OF, "dep", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FutureRelays() {}

    private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> type)
            throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(owner, lookup).findGetter(owner, name, type)
                .asType(MethodType.methodType(Object.class, Object.class));
    }

    /** The result field of {@code future}: null while it runs. */
    static Object resultOf(Object future) throws Throwable {
        return (Object) RESULT.invokeExact(future);
    }

    /** Whether the internals were found (the class fails to initialize otherwise). */
    static boolean readable() {
        return BI_RELAY != null;
    }

    /**
     * Whether a completion attached to {@code future}, which just failed, takes the failure on: a
     * dependent stage, a handler, a waiter, a relay of thenCompose; an allOf node if this is its
     * left input, or its right one with the left done well; an anyOf still open. An allOf node whose
     * left input failed, or still runs, may drop it: not taken, as far as this future can tell.
     */
    static boolean takenOn(Object future) throws Throwable {
        for (Object c = (Object) STACK.invokeExact(future); c != null; c = (Object) NEXT.invokeExact(c)) {
            Object relay = c.getClass() == CO_COMPLETION ? (Object) BASE.invokeExact(c) : c;
            if (relay == null) {
                continue;                               // a fired CoCompletion
            }
            if (relay.getClass() == BI_RELAY) {
                if ((Object) DEP.invokeExact(relay) != null && allOfTakes(relay, future)) {
                    return true;
                }
            } else if (relay.getClass() == ANY_OF) {
                Object dep = (Object) ANY_DEP.invokeExact(relay);
                if (dep != null && (Object) RESULT.invokeExact(dep) == null) {
                    return true;                        // still open: this failure is its outcome
                }
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a thread waits in join or get on {@code future}, which just failed: it reads the
     * failure as it wakes, after the hook at its call's entry found nothing to read yet.
     */
    static boolean awaited(Object future) throws Throwable {
        for (Object c = (Object) STACK.invokeExact(future); c != null; c = (Object) NEXT.invokeExact(c)) {
            if (c.getClass() == SIGNALLER) {
                return true;
            }
        }
        return false;
    }

    /** An allOf node passes on its left input's failure, and its right one's if the left did well. */
    private static boolean allOfTakes(Object relay, Object future) throws Throwable {
        Object left = (Object) SRC.invokeExact(relay);
        if (left == future) {
            return true;
        }
        Object r = left == null ? null : (Object) RESULT.invokeExact(left);
        return r != null && FutureOutcomes.exception(r) == null;
    }
}
