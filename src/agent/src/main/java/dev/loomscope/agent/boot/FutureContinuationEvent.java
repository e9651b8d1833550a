package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The user function of a future ran (supplyAsync's supplier, thenApply's function, ...): duration =
 * the function's run, event thread = the thread that ran it, futureId = the future it completes.
 */
@Name("loomscope.FutureContinuation")
@Label("Future Continuation")
@Description("A future's function ran on the event thread; futureId = the dependent it completes")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureContinuationEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;
}
