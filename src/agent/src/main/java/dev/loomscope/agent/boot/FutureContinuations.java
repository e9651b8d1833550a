package dev.loomscope.agent.boot;

/**
 * The hooks around each call of a stage's user function (see FutureTransformer): the time a
 * continuation ran, and on which thread. Reported at {@code futures=on} only. Same rules as
 * {@link Hooks}: never throw, never wait.
 */
public final class FutureContinuations {
    private FutureContinuations() {}

    /** Just before the user function of {@code dependent} is invoked. Returns the token for contEnd. */
    public static Object contBegin(Object dependent) {
        if (dependent == null || !FutureHooks.reportsEverything()) {
            return null;
        }
        try {
            FutureContinuationEvent e = new FutureContinuationEvent();
            if (!e.isEnabled()) {
                return null;
            }
            long id = FutureIds.shownId(dependent);
            if (id == 0) {
                return null;
            }
            e.futureId = id;
            Hooks.testFault();
            e.begin();
            return e;
        } catch (Throwable t) {
            AgentState.fail("FutureContinuation hook", t);
            return null;
        }
    }

    /** The function returned or threw (called at the start of the method's catch handlers). */
    public static void contEnd(Object token) {
        if (token == null) {
            return;
        }
        try {
            if (FutureHooks.enabled()) {
                ((FutureContinuationEvent) token).commit();
            }
        } catch (Throwable t) {
            AgentState.fail("FutureContinuation hook", t);
        }
    }
}
