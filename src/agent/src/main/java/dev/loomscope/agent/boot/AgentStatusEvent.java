package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Whether the agent is active. Committed when the agent activates or disables itself,
 * and periodically at the beginning and end of every chunk (an event committed before a
 * recording starts is lost, so every recording must carry its own copy).
 */
@Name("loomscope.AgentStatus")
@Label("Loomscope Agent Status")
@Description("State of the Loomscope in-target agent")
@Category({"Loomscope"})
@StackTrace(false)
@Period("everyChunk")
public final class AgentStatusEvent extends jdk.jfr.Event {
    @Label("Status")
    @Description("active or disabled")
    public String status;

    @Label("Reason")
    public String reason;

    @Label("JDK")
    public String jdk;

    @Label("Hooks")
    @Description("Comma list of instrumented methods")
    public String hooks;
}
