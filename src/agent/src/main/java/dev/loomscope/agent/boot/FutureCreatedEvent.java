package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A CompletableFuture was created: by {@code new}, a static factory or a stage method. */
@Name("loomscope.FutureCreated")
@Label("Future Created")
@Description("A CompletableFuture was created; kind = the method that made it")
@Category({"Loomscope"})
@StackTrace(true)
public final class FutureCreatedEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;

    @Label("Kind")
    @Description("new, supplyAsync, runAsync, completedFuture, failedFuture, thenApply, thenCompose, "
            + "thenCombine, allOf, anyOf, handle, exceptionally, whenComplete, copy, ... (+Async)")
    public String kind;
}
