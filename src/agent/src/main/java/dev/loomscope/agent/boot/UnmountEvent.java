package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Committed on the carrier when VirtualThread.unmount() returns: the carrier is free again. */
@Name("loomscope.Unmount")
@Label("Virtual Thread Unmount")
@Description("A carrier thread stops running a virtual thread (event thread = carrier)")
@Category({"Loomscope"})
@StackTrace(false)
public final class UnmountEvent extends jdk.jfr.Event {
    @Label("Virtual Thread")
    public Thread virtualThread;

    @Label("Reason")
    @Description("park, timed-park, yield, block, wait, end or other:<state>")
    public String reason;
}
