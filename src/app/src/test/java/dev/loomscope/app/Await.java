package dev.loomscope.app;

import javafx.application.Platform;
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

    /**
     * Waits until {@code condition} holds; fails with {@code what} and what was seen instead. The
     * condition is read on the FX thread, so it never sees a handler half done (a list filled and
     * the status beside it not yet set).
     */
    static void until(String what, int seconds, Callable<Boolean> condition, Supplier<String> seen) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFxThread(condition));
        } catch (TimeoutException e) {
            throw new AssertionError(what + ", not within " + seconds + " s; saw " + seen.get(), e);
        }
    }

    static void until(String what, Callable<Boolean> condition, Supplier<String> seen) {
        until(what, SECONDS, condition, seen);
    }

    static void until(String what, int seconds, Callable<Boolean> condition) {
        until(what, seconds, condition, () -> "otherwise");
    }

    static void until(String what, Callable<Boolean> condition) {
        until(what, SECONDS, condition);
    }

    private static boolean onFxThread(Callable<Boolean> condition) throws Exception {
        return Platform.isFxApplicationThread() ? condition.call() : WaitForAsyncUtils.asyncFx(condition).get();
    }
}
