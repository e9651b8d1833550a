package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The user function of a future ran (supplyAsync's supplier, thenApply's function, ...): duration =
 * the function's run, event thread = the thread that ran it, futureId = the future it completes.
 * When that thread completed the future with the function's outcome right after it (most stages),
 * the event says so and how, and no FutureCompleted follows ({@link FutureContinuations}).
 */
@Name("loomscope.FutureContinuation")
@Label("Future Continuation")
@Description("A future's function ran on the event thread; futureId = the dependent it completes")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureContinuationEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;

    @Label("Completed")
    @Description("The future was completed by this thread as the function returned (its end time): "
            + "no FutureCompleted follows; false: a FutureCompleted says when, if ever")
    public boolean completed;

    @Label("Exception Class")
    @Description("When completed: null when completed normally; the cause of a CompletionException otherwise")
    public Class<?> exceptionClass;

    @Label("Thrown At")
    @Description("When completed exceptionally: the first frame of the exception's stack outside the JDK, "
            + "class.method(line)")
    public String thrownAt;

    /** Where the hooks are with this event ({@link FutureContinuations}); transient: not recorded. */
    transient byte phase;
    /**
     * On a virtual thread the run goes into its carrier's batch ({@link FutureRecords}), timed by
     * System.nanoTime here; else it is timed by JFR and committed as this event.
     */
    transient boolean batched;
    transient long startNanos;
    transient long endNanos;
}
