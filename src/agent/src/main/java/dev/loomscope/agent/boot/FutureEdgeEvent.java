package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The dependent future completes from the source (one event per source). */
@Name("loomscope.FutureEdge")
@Label("Future Edge")
@Description("dependentId is completed from sourceId (thenApply, thenCombine x2, allOf per input, composeInner, ...)")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureEdgeEvent extends jdk.jfr.Event {
    @Label("Source Id")
    public long sourceId;

    @Label("Dependent Id")
    public long dependentId;

    @Label("Kind")
    public String kind;
}
