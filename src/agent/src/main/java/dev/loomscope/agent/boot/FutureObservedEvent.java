package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Someone reads (or waits for) the outcome of a future, so a failure of it would be seen:
 * join, get, getNow, resultNow, exceptionNow (not the status queries isDone, isCompletedExceptionally, state), or attaching
 * an exceptionally / exceptionallyCompose / handle / whenComplete stage. Committed at the call.
 */
@Name("loomscope.FutureObserved")
@Label("Future Observed")
@Description("The outcome of a future is read or awaited (a failure would not go unnoticed)")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureObservedEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;

    @Label("How")
    public String how;

    @Label("Exception Id")
    @Description("At futures=failures: the id of the exception read (see FutureCompleted.exceptionId); 0 otherwise")
    public long exceptionId;
}
