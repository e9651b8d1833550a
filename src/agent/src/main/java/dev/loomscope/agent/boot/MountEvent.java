package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Committed on the carrier at entry of VirtualThread.mount(): the carrier starts running virtualThread. */
@Name("loomscope.Mount")
@Label("Virtual Thread Mount")
@Description("A carrier thread starts running a virtual thread (event thread = carrier)")
@Category({"Loomscope"})
@StackTrace(false)
public final class MountEvent extends jdk.jfr.Event {
    @Label("Virtual Thread")
    public Thread virtualThread;
}
