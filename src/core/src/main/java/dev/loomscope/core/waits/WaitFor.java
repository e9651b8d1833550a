package dev.loomscope.core.waits;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The wait-for relation at the end of a recording: each thread still blocked on a channel or a
 * future, what it waits on, and the threads that could release it (the ones that ever did the
 * counterpart operation on that channel; the ones that ran the future's sources or its task). What
 * the deadlock and leak reasoning stands on. Needs the agent's channel and future events; callers
 * hold the timeline's read lock.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WaitFor {
    /** What a thread waits on. */
    public sealed interface Target {
    }

    /** A send ({@code op} SEND) or receive on a channel. */
    public record OnChannel(Channel channel, Channel.Op op) implements Target {
    }

    /** A {@code join} or {@code get} on a future (an index of {@link Timeline#futures()}). */
    public record OnFuture(int future) implements Target {
    }

    /**
     * One blocked thread.
     *
     * @param lane      the waiting thread
     * @param since     since when it has been stuck ({@link Lane#stuckSince()})
     * @param target    what it waits on
     * @param releasers the threads that could end the wait (may be empty: nobody ever could)
     */
    public record Wait(int lane, long since, Target target, BitSet releasers) {
    }

    /** The waiting events of one chunk end are committed one after the other, within this. */
    private static final long CHUNK_END_SPREAD_NANOS = 100_000_000;

    private WaitFor() {
    }

    /**
     * The threads blocked at the end for at least {@code minStuckNanos}, and on what;
     * {@code chains} is the timeline's futures arranged ({@link FutureChains#of}).
     */
    public static List<Wait> atEnd(Timeline timeline, FutureChains chains, long minStuckNanos) {
        List<Wait> waits = new ArrayList<>();
        long end = timeline.durationNanos();
        long lastChunkEnd = Long.MIN_VALUE;
        for (Channel channel : timeline.channels()) {
            for (int w = 0; w < channel.waiterCount(); w++) {
                lastChunkEnd = Math.max(lastChunkEnd, channel.waiterAt(w));
            }
        }
        for (Channel channel : timeline.channels()) {
            for (int w = 0; w < channel.waiterCount(); w++) {
                Lane lane = timeline.lane(channel.waiterLane(w));
                if (channel.waiterAt(w) < lastChunkEnd - CHUNK_END_SPREAD_NANOS || channel.returnedAfter(lane.id(), channel.waiterAt(w))
                        || !stillBlocked(lane, end, minStuckNanos)) {
                    continue; // not inside at the last chunk end, or it returned since
                }
                Channel.Op op = channel.waiterOp(w);
                waits.add(new Wait(lane.id(), lane.stuckSince(), new OnChannel(channel, op), counterparts(channel, op, lane.id())));
            }
        }
        FutureGraph graph = chains.graph();
        if (graph.waitCount() > 0) {
            for (Lane lane : timeline.lanes()) {
                if (!stillBlocked(lane, end, minStuckNanos)) {
                    continue;
                }
                int future = graph.waitedOn(lane, lane.stuckSince(), end);
                if (future >= 0 && !graph.isCompleted(future)) {
                    waits.add(new Wait(lane.id(), lane.stuckSince(), new OnFuture(future), completers(chains, future)));
                }
            }
        }
        return waits;
    }

    private static boolean stillBlocked(Lane lane, long end, long minStuckNanos) {
        return !lane.ended() && lane.lifeEnd() >= end && end - lane.stuckSince() >= minStuckNanos;
    }

    /** The threads that ever did the opposite operation on {@code channel}. */
    private static BitSet counterparts(Channel channel, Channel.Op op, int self) {
        BitSet lanes = channel.lanesThatDid(op.isSend() ? Channel.Op.RECEIVE : Channel.Op.SEND);
        lanes.clear(self);
        return lanes;
    }

    /** The threads that ran the future's own task or its sources' continuations. */
    private static BitSet completers(FutureChains chains, int future) {
        FutureGraph graph = chains.graph();
        BitSet lanes = new BitSet();
        for (int k = 0; k < chains.runCount(future); k++) {
            lanes.set(graph.runLane(chains.run(future, k)));
        }
        for (int k = 0; k < chains.sourceCount(future); k++) {
            int source = graph.edgeFrom(chains.sourceEdge(future, k));
            if (graph.completer(source) >= 0) {
                lanes.set(graph.completer(source));
            }
        }
        return lanes;
    }
}
