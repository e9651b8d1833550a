package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One operation on a blocking queue (a "channel"): begins at the queue method's entry, committed at
 * its exit on the thread that did the operation. Only the outermost queue method of a thread is
 * reported (LinkedBlockingDeque.put calls putLast: one event, op "put"). The queue's class and
 * capacity are in its {@link ChannelCreatedEvent}, committed before the first operation of each
 * chunk on it.
 */
@Name("loomscope.ChannelOp")
@Label("Channel Operation")
@Description("A blocking-queue operation; duration = the call, including any blocking")
@Category({"Loomscope"})
@StackTrace(false)
public final class ChannelOpEvent extends jdk.jfr.Event {
    @Label("Channel Id")
    @Description("Agent-assigned id of the queue (stable for its lifetime, never reused)")
    public long channelId;

    @Label("Size")
    @Description("Elements in the queue after the operation; -1 if unknown (LinkedTransferQueue)")
    public int size;

    @Label("Operation")
    @Description("Method name: put, take, offer, poll, add, remove, transfer, tryTransfer, putFirst, ...")
    public String op;

    @Label("Timed")
    @Description("The overload with a timeout (offer/poll/tryTransfer/offerFirst/... with long, TimeUnit)")
    public boolean timed;

    @Label("Success")
    @Description("false: a timed/untimed offer or poll that found no room/element, or the call threw")
    public boolean success;

    /** Hook bookkeeping (role bits of the hooked method); transient: not recorded. */
    transient int code;

    /**
     * The queue's class and capacity, for {@link ChannelWaits} only: not recorded here, as the
     * queue's ChannelCreated of the chunk says them once. A Class field costs each commit a JVM
     * call that tags the class (7 % of a pipeline's throughput under the full capture).
     */
    transient Class<?> queueClass;
    transient int queueCapacity;

    /** Hook bookkeeping: the thread doing it and its {@link ChannelWaits} slot (-1: untracked). */
    transient Thread waiter;
    transient int waitSlot = -1;
}
