package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A {@link BlockBeginEvent} inside a blocking call the agent found in the program's code
 * (loomscope.CallSite says where, and which method it calls): no stack, no blocker, which the site
 * replaces.
 */
@Name("loomscope.BlockBeginAtSite")
@Label("Virtual Thread Block Begin At Site")
@Description("A virtual thread starts to park inside the blocking call at site (see loomscope.CallSite)")
@Category({"Loomscope"})
@StackTrace(false)
public final class BlockBeginAtSiteEvent extends jdk.jfr.Event {
    @Label("Site")
    public long site;

    @Label("Timeout")
    @Description("Park timeout, 0 if none")
    @Timespan(Timespan.NANOSECONDS)
    public long timeoutNanos;
}
