package dev.loomscope.app.threads;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

/**
 * "Who unblocked me" for a selected span: for a blocked send or receive on a known channel, from
 * the end of the counterpart operation that released it to the end of the wait; for a wait for a
 * carrier whose submit the agent saw, from the thread that made it runnable (the unparker, a timer)
 * at that instant. Found once per selection (finding the counterpart may scan back through the
 * channel's history), drawn every frame.
 */
record UnblockLink(int fromLane, long fromTime, int toLane, long toTime) {

    /** The link of {@code pick}, or null; call with the timeline's read lock held. */
    static UnblockLink of(Timeline timeline, SpanPick pick) {
        if (timeline == null || pick == null || pick.link() < 0) {
            return null;
        }
        if (pick.state() == ThreadState.RUNNABLE && pick.span() >= 0) {
            return pick.link() < timeline.laneCount() && pick.link() != pick.lane()
                    ? new UnblockLink(pick.link(), pick.start(), pick.lane(), pick.start()) : null;
        }
        if (pick.link() >= timeline.channels().size()
                || (pick.state() != ThreadState.BLOCKED_SEND && pick.state() != ThreadState.BLOCKED_RECV)) {
            return null;
        }
        Channel channel = timeline.channels().get(pick.link());
        int op = channel.opAt(pick.lane(), pick.end() - 1);
        int by = op < 0 ? -1 : channel.unblockerOf(op);
        return by < 0 ? null : new UnblockLink(channel.opLane(by), channel.opEnd(by), pick.lane(), pick.end());
    }
}
