package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Where a call site that creates futures is in the program's code, read from its class file when
 * the class was loaded: committed the first time the site is used in each chunk, before the
 * {@link FutureCreatedAtSiteEvent} that names it.
 */
@Name("loomscope.CallSite")
@Label("Call Site")
@Description("A call in the program's code that creates futures: its class, method and line")
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
    @Description("The kind of future the call makes (FutureCreated.kind)")
    public String kind;
}
