package dev.loomscope.app.threads;

import dev.loomscope.core.model.ThreadState;

/**
 * A span a person pointed at: what the details panel and the hover card show.
 *
 * @param lane     the lane id
 * @param span     the lane's span index, or -1 for a gap (time no recorded span covers)
 * @param merged   how many spans the pixel merged (1 if the span was wide enough to see alone)
 * @param stack    the stack id, or -1
 * @param link     the carrier lane (for a thread span), or -1
 */
public record SpanPick(int lane, int span, long start, long end, ThreadState state, boolean inferred,
                       int merged, int stack, int link) {
    public long duration() {
        return end - start;
    }
}
