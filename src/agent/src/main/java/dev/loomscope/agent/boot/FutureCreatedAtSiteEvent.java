package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A CompletableFuture was created by a call the agent found in the program's code (loomscope.CallSite
 * says where, and the kind of future that call makes): a FutureCreated without a stack or kind,
 * which the site replaces, and with the futures a stage depends on, which would otherwise be a
 * FutureEdge each (an event fewer or two a stage: the full capture's cost is per event).
 */
@Name("loomscope.FutureCreatedAtSite")
@Label("Future Created At Site")
@Description("A CompletableFuture was created by the call at site (see loomscope.CallSite)")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureCreatedAtSiteEvent extends jdk.jfr.Event {
    @Label("Future Id")
    public long futureId;

    @Label("Site")
    public long site;

    @Label("Source Id")
    @Description("The future it completes from (a FutureEdge of its own kind), or 0")
    public long sourceId;

    @Label("Second Source Id")
    @Description("The other future a two-input stage completes from, or 0")
    public long source2Id;
}
