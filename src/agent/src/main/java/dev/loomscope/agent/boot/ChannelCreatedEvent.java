package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A blocking queue the agent reports: committed by its constructor (stack = where it was created,
 * observedCreation = true), or, for a queue created before the hooks or the recording, when it is
 * first used in a chunk (stack = that use, observedCreation = false).
 */
@Name("loomscope.ChannelCreated")
@Label("Channel Created")
@Description("A blocking queue was created (or first seen in this chunk)")
@Category({"Loomscope"})
@StackTrace(true)
public final class ChannelCreatedEvent extends jdk.jfr.Event {
    @Label("Channel Id")
    public long channelId;

    @Label("Channel Class")
    public Class<?> channelClass;

    @Label("Capacity")
    public int capacity;

    @Label("Observed Creation")
    @Description("true: committed by the constructor; false: first seen later (stack is that use)")
    public boolean observedCreation;
}
