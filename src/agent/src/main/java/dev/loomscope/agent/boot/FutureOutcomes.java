package dev.loomscope.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletionException;

/**
 * Reads a {@code CompletableFuture}'s outcome from its {@code result} field: an
 * {@code AltResult} whose {@code ex} is the exception, or anything else for a normal completion.
 * The field is private to java.util.concurrent, which the installer opens to the hooks' module.
 */
final class FutureOutcomes {
    private FutureOutcomes() {}

    /** Whether the internals it reads were found (the class fails to initialize otherwise). */
    static boolean readable() {
        return Alt.CLASS != null && Alt.EX != null;
    }

    /** Reads CompletableFuture$AltResult.ex (the encoded exceptional outcome). */
    private static final class Alt {
        static final Class<?> CLASS;
        static final MethodHandle EX;

        static {
            try {
                CLASS = Class.forName("java.util.concurrent.CompletableFuture$AltResult", false, null);
                EX = MethodHandles.privateLookupIn(CLASS, MethodHandles.lookup())
                        .findGetter(CLASS, "ex", Throwable.class)
                        .asType(MethodType.methodType(Throwable.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** The exception class a result encodes (the cause of a CompletionException), or null. */
    static Class<?> exceptionClass(Object result) throws Throwable {
        if (result == null || result.getClass() != Alt.CLASS) {
            return null;
        }
        Throwable x = (Throwable) Alt.EX.invokeExact(result);
        if (x == null) {
            return null;                                // NIL: completed normally with null
        }
        if (x instanceof CompletionException) {
            Throwable cause = x.getCause();
            if (cause != null) {
                x = cause;
            }
        }
        return x.getClass();
    }
}
