package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Committed on the submitting thread just before a virtual thread is handed to its scheduler. */
@Name("loomscope.Submit")
@Label("Virtual Thread Submit")
@Description("A virtual thread became runnable and is submitted to its scheduler (event thread = submitter)")
@Category({"Loomscope"})
@StackTrace(false)
public final class SubmitEvent extends jdk.jfr.Event {
    @Label("Virtual Thread")
    public Thread virtualThread;
}
