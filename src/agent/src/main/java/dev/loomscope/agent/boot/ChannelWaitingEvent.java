package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * A thread inside a blocking-queue operation when a chunk ends. A thread blocked forever never
 * returns from its {@code take}, so its {@link ChannelOpEvent} is never committed: this is how a
 * recording still says which queue it waits on (a leak, one side of a channel deadlock).
 */
@Name("loomscope.ChannelWaiting")
@Label("Channel Waiting")
@Description("A thread inside a blocking-queue operation at the end of a chunk")
@Category({"Loomscope"})
@StackTrace(false)
@Period("endChunk")
public final class ChannelWaitingEvent extends jdk.jfr.Event {
    @Label("Waiter")
    public Thread waiter;

    @Label("Channel Id")
    public long channelId;

    @Label("Channel Class")
    public Class<?> channelClass;

    @Label("Capacity")
    public int capacity;

    @Label("Operation")
    public String op;

    @Label("Timed")
    public boolean timed;
}
