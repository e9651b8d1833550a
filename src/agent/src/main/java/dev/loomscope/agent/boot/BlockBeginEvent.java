package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Committed on the virtual thread when it is about to park. Committed at the start of the
 * block (not at its end) so that a thread blocked forever is still seen, with its stack.
 */
@Name("loomscope.BlockBegin")
@Label("Virtual Thread Block Begin")
@Description("A virtual thread starts to park (event thread = the virtual thread)")
@Category({"Loomscope"})
@StackTrace(true)
public final class BlockBeginEvent extends jdk.jfr.Event {
    @Label("Blocker")
    @Description("Class name of LockSupport.getBlocker(thread), or empty")
    public String blocker;

    @Label("Timeout")
    @Description("Park timeout, 0 if none")
    @Timespan(Timespan.NANOSECONDS)
    public long timeoutNanos;
}
