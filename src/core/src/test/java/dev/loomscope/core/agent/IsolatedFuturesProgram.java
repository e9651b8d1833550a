package dev.loomscope.core.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A program whose futures are made by a class of a loader that delegates only {@code java.*}, as an
 * OSGi framework does: such a class cannot link the agent's hooks, so the agent must leave it as it
 * is. Prints {@code answer 42}.
 */
public final class IsolatedFuturesProgram {
    private IsolatedFuturesProgram() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader isolating = new Isolating(IsolatedFuturesProgram.class.getClassLoader());
        Class<?> work = isolating.loadClass(Work.class.getName());
        @SuppressWarnings("unchecked")
        Callable<Integer> call = (Callable<Integer>) work.getDeclaredConstructor().newInstance();
        System.out.println("answer " + call.call());
    }

    /** Made and chained futures: the class the isolating loader defines. */
    public static final class Work implements Callable<Integer> {
        @Override
        public Integer call() {
            CompletableFuture<Integer> half = new CompletableFuture<>();
            half.complete(21);
            return CompletableFuture.supplyAsync(() -> 1).thenCombine(half, (a, b) -> b * 2 * a).join();
        }
    }

    /** Defines the classes of this package from their bytes; anything outside {@code java.*} it does not define is not found. */
    private static final class Isolating extends ClassLoader {
        private final ClassLoader bytes;

        Isolating(ClassLoader bytes) {
            super(null);
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                if (found != null) {
                    return found;
                }
                if (name.startsWith("java.")) {
                    return super.loadClass(name, resolve);
                }
                if (!name.startsWith(Work.class.getName())) {
                    throw new ClassNotFoundException(name + " (this loader delegates only java.*)");
                }
                try (InputStream in = bytes.getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] code = in.readAllBytes();
                    return defineClass(name, code, 0, code.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
