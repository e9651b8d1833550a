package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A CompletableFuture got its result; committed on the completing thread. */
@Name("loomscope.FutureCompleted")
@Label("Future Completed")
@Description("A CompletableFuture was completed (event thread = the completing thread)")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureCompletedEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;

    @Label("Exception Class")
    @Description("null when completed normally; the cause of a CompletionException otherwise")
    public Class<?> exceptionClass;

    @Label("Thrown At")
    @Description("Where the exception was thrown: the first frame of its stack outside the JDK, "
            + "class.method(line); empty when completed normally")
    public String thrownAt;

    @Label("Exception Id")
    @Description("At futures=failures: the exception object's id, the same for every future that holds it "
            + "(a failure passed along a chain or an allOf); 0 otherwise")
    public long exceptionId;
}
