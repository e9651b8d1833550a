package dev.loomscope.core.waits;

import dev.loomscope.core.model.Channel;

import java.util.BitSet;

/**
 * How a program used one channel over the recording: who sent and who received, how often and for
 * how long they blocked, and how full it got. What the Channels view lists and sorts by.
 *
 * @param channel          the channel
 * @param operations       every recorded operation on it
 * @param blockedSends     sends that blocked (a full queue, an unmatched transfer)
 * @param blockedSendNanos their summed time
 * @param blockedReceives  receives that blocked (an empty queue)
 * @param blockedReceiveNanos their summed time
 * @param peakSize         the largest size seen after an operation
 * @param senders          the lanes that sent to it
 * @param receivers        the lanes that received from it
 */
public record ChannelUse(Channel channel, int operations, int blockedSends, long blockedSendNanos,
                         int blockedReceives, long blockedReceiveNanos, int peakSize, BitSet senders,
                         BitSet receivers) {

    /** Summarizes {@code channel}; call with the timeline's read lock held. */
    public static ChannelUse of(Channel channel) {
        int sends = 0;
        int receives = 0;
        long sendNanos = 0;
        long receiveNanos = 0;
        int peak = 0;
        BitSet senders = new BitSet();
        BitSet receivers = new BitSet();
        for (int i = 0; i < channel.opCount(); i++) {
            long took = channel.opEnd(i) - channel.opStart(i);
            boolean send = channel.op(i).isSend();
            (send ? senders : receivers).set(channel.opLane(i));
            peak = Math.max(peak, channel.sizeAfter(i));
            if (channel.blocked(i)) {
                if (send) {
                    sends++;
                    sendNanos += took;
                } else {
                    receives++;
                    receiveNanos += took;
                }
            }
        }
        return new ChannelUse(channel, channel.opCount(), sends, sendNanos, receives, receiveNanos, peak,
                senders, receivers);
    }

    /** All the time threads spent blocked on it. */
    public long blockedNanos() {
        return blockedSendNanos + blockedReceiveNanos;
    }
}
