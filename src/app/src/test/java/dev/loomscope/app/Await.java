package dev.loomscope.app;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for what a user's input should lead to, instead of assuming it has happened once the FX
 * queue looks drained: on a loaded machine the robot's events can still be on their way.
 */
final class Await {
    private static final int SECONDS = 30;

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} and what was seen instead. */
    static void until(String what, Callable<Boolean> condition, Supplier<String> seen) {
        try {
            WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError(what + ", not within " + SECONDS + " s; saw " + seen.get(), e);
        }
    }

    static void until(String what, Callable<Boolean> condition) {
        until(what, condition, () -> "otherwise");
    }
}
