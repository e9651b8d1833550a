package dev.loomscope.core.export;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.util.Arrays;

/**
 * Flow arrows for what the recording knows caused what (the agent's events; none without it): on
 * a queue, from the operation that made room or brought an item to the blocked operation it let
 * return; for futures, from a future's completion to the run of a stage that depended on it. Both
 * ends must be threads the export includes, inside its range.
 */
final class TraceFlows {
    private final Timeline timeline;
    private final ExportScope scope;
    private final TraceWriter out;
    private final int[] pidOf;
    private long nextId = 1;

    TraceFlows(Timeline timeline, ExportScope scope, TraceWriter out, int[] pidOf) {
        this.timeline = timeline;
        this.scope = scope;
        this.out = out;
        this.pidOf = pidOf;
    }

    /** Returns how many arrows were written. */
    long write() throws IOException {
        for (Channel channel : timeline.channels()) {
            unblocks(channel);
        }
        dependencies(timeline.futures());
        return nextId - 1;
    }

    private void unblocks(Channel channel) throws IOException {
        String name = "unblocked (" + channel.simpleName() + " #" + channel.index() + ")";
        for (int i = 0; i < channel.opCount(); i++) {
            if (!channel.blocked(i)) {
                continue;
            }
            int by = unblocker(channel, i);
            if (by >= 0) {
                arrow(name, "queue", channel.opLane(by), channel.opEnd(by), channel.opLane(i), channel.opEnd(i));
            }
        }
    }

    /**
     * The latest successful counterpart (a receive for a send, a send for a receive) by another
     * thread that ended while operation {@code i} waited: what let it return. Operations are sorted
     * by end, so the scan stops at the wait's start and costs what happened meanwhile.
     */
    private static int unblocker(Channel channel, int i) {
        boolean send = channel.op(i).isSend();
        for (int k = i - 1; k >= 0 && channel.opEnd(k) >= channel.opStart(i); k--) {
            if (channel.op(k).isSend() != send && channel.succeeded(k) && channel.opLane(k) != channel.opLane(i)) {
                return k;
            }
        }
        return -1;
    }

    private void dependencies(FutureGraph futures) throws IOException {
        int[] firstRun = new int[futures.size()];
        Arrays.fill(firstRun, -1);
        for (int r = 0; r < futures.runCount(); r++) {
            int f = futures.runFuture(r);
            if (f >= 0 && (firstRun[f] < 0 || futures.runStart(r) < futures.runStart(firstRun[f]))) {
                firstRun[f] = r;
            }
        }
        for (int e = 0; e < futures.edgeCount(); e++) {
            int from = futures.edgeFrom(e);
            int run = firstRun[futures.edgeTo(e)];
            if (run >= 0 && futures.isCompleted(from) && futures.completer(from) >= 0) {
                arrow("then " + futures.edgeKind(e), "future", futures.completer(from), futures.completed(from),
                        futures.runLane(run), futures.runStart(run));
            }
        }
    }

    private void arrow(String name, String category, int fromLane, long fromTime, int toLane, long toTime)
            throws IOException {
        if (!included(fromLane, fromTime) || !included(toLane, toTime) || toTime < fromTime) {
            return;
        }
        long id = nextId++;
        Lane from = timeline.lane(fromLane);
        Lane to = timeline.lane(toLane);
        out.flow(true, id, name, category, fromTime, pidOf[fromLane], TraceEvents.tid(from));
        out.flow(false, id, name, category, toTime, pidOf[toLane], TraceEvents.tid(to));
    }

    private boolean included(int lane, long t) {
        return lane >= 0 && lane < pidOf.length && pidOf[lane] != 0 && t >= scope.from() && t < scope.to();
    }
}
