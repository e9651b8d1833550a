package dev.loomscope.app.channels;

import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Timeline;

import java.util.BitSet;
import java.util.stream.Collectors;

/** "Who unblocked me", in words, for a channel operation. Callers hold the timeline's read lock. */
public final class Unblocking {
    private Unblocking() {
    }

    /** The whole story of operation {@code op}: what it waited for, who released it, who could have. */
    public static String describe(Timeline timeline, Channel channel, int op) {
        String who = timeline.lane(channel.opLane(op)).displayName();
        boolean send = channel.op(op).isSend();
        String what = (send ? "sending to " : "receiving from ") + channel.simpleName() + " #" + channel.agentId();
        long took = channel.opEnd(op) - channel.opStart(op);
        if (!channel.blocked(op)) {
            return who + " was " + what + " for " + TimeFormat.duration(took) + ", without blocking.";
        }
        StringBuilder text = new StringBuilder(who).append(" blocked ").append(TimeFormat.duration(took)).append(' ')
                .append(what).append(", from ").append(TimeFormat.instant(channel.opStart(op))).append(" to ")
                .append(TimeFormat.instant(channel.opEnd(op))).append(". ");
        text.append("Unblocked by: ").append(unblockedBy(timeline, channel, op)).append('.');
        BitSet could = channel.couldUnblock(op);
        if (!could.isEmpty()) {
            text.append(" Could have unblocked it (").append(send ? "received" : "sent").append(" meanwhile): ")
                    .append(could.stream().limit(8).mapToObj(l -> timeline.lane(l).displayName())
                            .collect(Collectors.joining(", ")))
                    .append(could.cardinality() > 8 ? " and " + (could.cardinality() - 8) + " more" : "").append('.');
        }
        return text.toString();
    }

    /** Who let operation {@code op} return, in a few words. */
    public static String unblockedBy(Timeline timeline, Channel channel, int op) {
        int by = channel.unblockerOf(op);
        if (by < 0) {
            return !channel.succeeded(op) ? "nobody: it timed out" : "not recorded";
        }
        return timeline.lane(channel.opLane(by)).displayName() + " (" + (channel.op(by).isSend() ? "a send" : "a receive")
                + " ending at " + TimeFormat.instant(channel.opEnd(by)) + ")";
    }
}
