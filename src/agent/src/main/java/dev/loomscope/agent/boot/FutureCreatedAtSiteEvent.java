package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A CompletableFuture was created by a call the agent found in the program's code (loomscope.CallSite
 * says where, and the kind of future that call makes): a FutureCreated without a stack or kind,
 * which the site replaces.
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
}
