package dev.loomscope.core.export;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.SchedulerStats;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;

/**
 * The counter tracks: carriers busy and virtual threads waiting for one (means over 1 ms buckets,
 * at most {@value #MAX_BUCKETS} of them), and each queue's size after every operation the agent
 * recorded. A series is written only where its value changes.
 */
final class TraceCounters {
    private static final int MAX_BUCKETS = 20_000;
    private static final long MIN_BUCKET_NANOS = 1_000_000;

    private final Timeline timeline;
    private final ExportScope scope;
    private final TraceWriter out;
    private long written;

    TraceCounters(Timeline timeline, ExportScope scope, TraceWriter out) {
        this.timeline = timeline;
        this.scope = scope;
        this.out = out;
    }

    long write() throws IOException {
        long length = scope.to() - scope.from();
        int buckets = (int) Math.max(1, Math.min(MAX_BUCKETS, length / MIN_BUCKET_NANOS));
        if (!timeline.carrierLanes().isEmpty()) {
            series("carriers busy", "carriers", SchedulerStats.busyCarriers(timeline, scope.from(), scope.to(), buckets));
        }
        if (timeline.lanes().stream().anyMatch(l -> l.isVirtual() && scope.includes(l))) {
            series("runnable virtual threads", "threads",
                    SchedulerStats.runnableThreads(timeline, scope.from(), scope.to(), buckets));
        }
        for (Channel channel : timeline.channels()) {
            queue(channel);
        }
        return written;
    }

    private void series(String name, String unit, double[] values) throws IOException {
        double width = (double) (scope.to() - scope.from()) / values.length;
        double last = Double.NaN;
        for (int b = 0; b < values.length; b++) {
            double value = Math.round(values[b] * 1000) / 1000.0;
            if (value != last) {
                out.counter(name, scope.from() + Math.round(b * width), unit, value);
                written++;
                last = value;
            }
        }
    }

    private void queue(Channel channel) throws IOException {
        String name = "queue " + channel.simpleName() + " #" + channel.index() + " size";
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < channel.opCount(); i++) {
            long at = channel.opEnd(i);
            int size = channel.sizeAfter(i);
            if (at < scope.from() || at >= scope.to() || size < 0 || size == last) {
                continue;
            }
            out.counter(name, at, "items", size);
            written++;
            last = size;
        }
    }
}
