package dev.loomscope.core.jfr;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.model.WaitClassifier;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.function.LongToIntFunction;
import java.util.function.ToIntFunction;

/**
 * The agent's events (docs/events.md): its batched runs, where parks began, its call sites, queues
 * and futures, and its status. The {@link EventInterpreter} hands them over; they share its lanes
 * and stacks.
 */
final class AgentEvents {
    private final TimelineWriter writer;
    private final StackInterner stacks;
    private final EventTypes types;
    private final ToIntFunction<RecordedThread> lanes;
    private final BlockSites blockSites;
    private final Scheduling scheduling;
    private final CarrierRuns carrierRuns;
    private final ChannelsAndFutures objects;
    private final FutureBatches futureBatches;
    /** True once a batch of runs was read: carriers then come from the runs, exactly. */
    private boolean runs;
    private AgentStatus status = AgentStatus.ABSENT;
    private long statusTime = Long.MIN_VALUE;

    AgentEvents(TimelineWriter writer, StackInterner stacks, EventTypes types, WaitClassifier classifier,
                ToIntFunction<RecordedThread> lanes) {
        this.writer = writer;
        this.stacks = stacks;
        this.types = types;
        this.lanes = lanes;
        this.blockSites = new BlockSites(writer.stacks());
        this.scheduling = new Scheduling(writer, classifier, new CarrierIntervals(writer), blockSites);
        LongToIntFunction unnamedLanes = id -> id > 0 ? writer.lane(id, "", true, 0) : -1;
        this.carrierRuns = new CarrierRuns(scheduling, lanes, unnamedLanes, this::parkedAtSite);
        this.objects = new ChannelsAndFutures(writer);
        this.futureBatches = new FutureBatches(objects, unnamedLanes);
    }

    /** Reads one agent event of {@code kind}, the event {@link EventTypes#enter} was last given. */
    void accept(EventKind kind, RecordedEvent event, long start, long end) {
        switch (kind) {
            case AGENT_CARRIER_RUNS -> {
                runs = true;
                carrierRuns.accept(event, lane(event.getThread("carrier")), start);
            }
            case AGENT_FUTURE_BATCH -> futureBatches.accept(event, start);
            case AGENT_BLOCK_BEGIN -> blockBegan(event, start);
            case AGENT_BLOCK_BEGIN_AT_SITE -> blockBeganAtSite(event, start);
            case AGENT_CALL_SITE -> callSite(event, start, end);
            case AGENT_STATUS -> status(event, start);
            case AGENT_CHANNEL_WAITING -> objects.accept(kind, event, lane(event.getThread("waiter")), start, end, -1);
            default -> objects.accept(kind, event, lane(types.thread(event)), start, end, stacks.intern(types.stack(event)));
        }
    }

    /** The agent's last reported status ({@link AgentStatus#ABSENT} without an agent). */
    AgentStatus status() {
        return status;
    }

    long runsLost() {
        return carrierRuns.lost();
    }

    /**
     * Whether the runs give every carrier interval exactly; else the method traces' intervals are
     * needed (no agent, or one that reports a sample of the virtual threads).
     */
    boolean exactCarriers() {
        return runs && !status.sampled();
    }

    /** Replays the runs and parks up to {@code until}. */
    void settle(long until) {
        scheduling.settle(until);
    }

    /** Replays the rest; threads still alive run to {@code end}. */
    void finish(long end) {
        scheduling.finish(end);
    }

    private int lane(RecordedThread thread) {
        return lanes.applyAsInt(thread);
    }

    /** BlockBegin: committed on the virtual thread as it parks, with the stack of the block. */
    private void blockBegan(RecordedEvent event, long t) {
        int virtual = lane(types.thread(event));
        if (virtual >= 0) {
            int stack = stacks.intern(types.stack(event));
            scheduling.add(Scheduling.BLOCK_BEGIN, virtual, t, stack, 0);
            writer.seen(virtual, t, t, stack);
        }
    }

    /** A BlockBegin inside a blocking call of the program's code: the site says where (resolved when replayed). */
    private void blockBeganAtSite(RecordedEvent event, long t) {
        int virtual = lane(types.thread(event));
        if (virtual >= 0) {
            parkedAtSite(virtual, t, event.getLong("site"));
        }
    }

    /** A park at {@code t} inside the blocking call {@code site}: from a BlockBeginAtSite, or the run it ended. */
    private void parkedAtSite(int virtual, long t, long site) {
        scheduling.add(Scheduling.BLOCK_BEGIN, virtual, t, Scheduling.atSite(site), 0);
        writer.seen(virtual, t, t, blockSites.stack(site));
    }

    /** Where a call the agent bracketed is: a blocking call's site, else a future-making call's. */
    private void callSite(RecordedEvent event, long start, long end) {
        String callee = event.hasField("callee") ? event.getString("callee") : null;
        if (callee != null && !callee.isEmpty()) {
            blockSites.located(event.getLong("site"), event.getString("className"), event.getString("method"),
                    event.getInt("line"), callee);
        } else {
            objects.accept(EventKind.AGENT_CALL_SITE, event, -1, start, end, -1);
        }
    }

    private void status(RecordedEvent event, long t) {
        // The file does not hand events over in time order: the latest status is the one that holds.
        if (t < statusTime) {
            return;
        }
        statusTime = t;
        status = AgentStatus.of(event.getString("status"), event.getString("reason"));
    }
}
