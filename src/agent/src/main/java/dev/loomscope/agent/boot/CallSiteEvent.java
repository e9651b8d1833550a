package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Where a call the agent bracketed is in the program's code, read from its class file when the
 * class was loaded, and what it makes or calls: committed the first time the site is used in each
 * chunk, before the {@link FutureCreatedAtSiteEvent} or {@link BlockBeginAtSiteEvent} that names it.
 */
@Name("loomscope.CallSite")
@Label("Call Site")
@Description("A call in the program's code that creates futures or may block: its class, method and line")
@Category({"Loomscope"})
@StackTrace(false)
public final class CallSiteEvent extends jdk.jfr.Event {
    @Label("Site")
    public long site;

    @Label("Class Name")
    public String className;

    @Label("Method")
    public String method;

    @Label("Line")
    @Description("-1 when the class has no line numbers")
    public int line;

    @Label("Kind")
    @Description("The kind of future the call makes (FutureCreated.kind), or empty: a blocking call")
    public String kind;

    @Label("Callee")
    @Description("The blocking method the call calls (class.method, as the call names it), or empty")
    public String callee;
}
