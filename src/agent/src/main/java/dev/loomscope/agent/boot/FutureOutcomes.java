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

    /** The exception a result encodes (the cause of a CompletionException), or null. */
    static Throwable exception(Object result) throws Throwable {
        if (result == null || result.getClass() != Alt.CLASS) {
            return null;
        }
        Throwable x = (Throwable) Alt.EX.invokeExact(result);
        if (x instanceof CompletionException && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /**
     * Where {@code x} was thrown: the first frame of its stack outside the JDK, as
     * {@code class.method(line)}, or "" when it has none.
     */
    static String thrownAt(Throwable x) {
        for (StackTraceElement frame : x.getStackTrace()) {
            String cls = frame.getClassName();
            if (!(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun."))) {
                return cls + "." + frame.getMethodName() + "(" + Math.max(-1, frame.getLineNumber()) + ")";
            }
        }
        return "";
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
}
