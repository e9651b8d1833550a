package dev.loomscope.core.jfr;

import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.WaitClassifier;

/**
 * What a {@code jdk.MethodTrace} event (JEP 520) of one of the methods in Loomscope's settings
 * means. The filter list lives in {@code loomscope.jfc}; this is its reading.
 */
enum TracedMethod {
    /**
     * {@code VirtualThread.runContinuation}: runs on the carrier around one mount, from just before
     * the mount to just after the unmount: a carrier busy interval.
     */
    RUN_CONTINUATION(null),
    /** {@code VirtualThread.park/parkNanos}: the event thread is the virtual thread; blocked for the duration. */
    VIRTUAL_THREAD_PARK(null),
    SEND(ThreadState.BLOCKED_SEND),
    RECEIVE(ThreadState.BLOCKED_RECV),
    FUTURE_WAIT(ThreadState.BLOCKED_FUTURE),
    OTHER(null);

    private final ThreadState state;

    TracedMethod(ThreadState state) {
        this.state = state;
    }

    /** The state a blocking call of this kind stands for. */
    ThreadState state() {
        return state;
    }

    static TracedMethod of(String className, String method) {
        if (className.equals("java.lang.VirtualThread")) {
            return switch (method) {
                case "runContinuation" -> RUN_CONTINUATION;
                case "park", "parkNanos" -> VIRTUAL_THREAD_PARK;
                default -> OTHER;
            };
        }
        ThreadState api = WaitClassifier.classifyFrame(new StackFrame(className, method, -1));
        if (api == ThreadState.BLOCKED_SEND) {
            return SEND;
        }
        if (api == ThreadState.BLOCKED_RECV) {
            return RECEIVE;
        }
        if (api == ThreadState.BLOCKED_FUTURE) {
            return FUTURE_WAIT;
        }
        return OTHER;
    }
}
