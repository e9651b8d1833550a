package dev.loomscope.bench.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pipeline at full speed, for the capture-cost benchmark: 4 virtual-thread sources put items
 * into an {@code ArrayBlockingQueue(64)}, 4 virtual-thread transforms (a few microseconds of CPU
 * each) take them and put into a {@code LinkedBlockingQueue(64)}, 2 virtual-thread sinks take them.
 * Every hand-off may park and wake a thread: the queue traffic of a real pipeline, not its sleeps.
 *
 * <p>{@code PipelineLoad ITEMS}: prints {@code throughput X items/s}, and {@code steady Y items/s}
 * over the second half of the items, and exits 0 when every item reached a sink.
 */
public final class PipelineLoad {
    private static final int SOURCES = 4;
    private static final int TRANSFORMS = 4;
    private static final int SINKS = 2;
    private static final long END = -1;

    private final BlockingQueue<Long> parsed = new ArrayBlockingQueue<>(64);
    private final BlockingQueue<Long> enriched = new LinkedBlockingQueue<>(64);
    private final LongAdder received = new LongAdder();
    /** When the last source had put half its items (the queues hold at most 128 more). */
    private final AtomicLong halfway = new AtomicLong();

    private PipelineLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 1_500_000;
        long start = System.nanoTime();
        PipelineLoad load = new PipelineLoad();
        long done = load.run(items / SOURCES * SOURCES);
        long end = System.nanoTime();
        if (done != items / SOURCES * SOURCES) {
            throw new IllegalStateException("lost items: " + done);
        }
        Throughput.print("items/s", done, start, load.halfway.get(), end);
    }

    private long run(long items) throws InterruptedException {
        List<Thread> sources = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            long first = i * (items / SOURCES);
            sources.add(Thread.ofVirtual().name("load-source-" + i).start(() -> produce(first, items / SOURCES)));
        }
        List<Thread> transforms = new ArrayList<>();
        for (int i = 0; i < TRANSFORMS; i++) {
            transforms.add(Thread.ofVirtual().name("load-transform-" + i).start(this::transform));
        }
        List<Thread> sinks = new ArrayList<>();
        for (int i = 0; i < SINKS; i++) {
            sinks.add(Thread.ofVirtual().name("load-sink-" + i).start(this::sink));
        }
        join(sources);
        for (int i = 0; i < TRANSFORMS; i++) {
            parsed.put(END);
        }
        join(transforms);
        for (int i = 0; i < SINKS; i++) {
            enriched.put(END);
        }
        join(sinks);
        return received.sum();
    }

    private void produce(long first, long count) {
        try {
            for (long item = first; item < first + count; item++) {
                if (item == first + count / 2) {
                    halfway.accumulateAndGet(System.nanoTime(), Math::max);
                }
                parsed.put(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void transform() {
        try {
            for (long item = parsed.take(); item != END; item = parsed.take()) {
                enriched.put(mix(item));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sink() {
        try {
            for (long item = enriched.take(); item != END; item = enriched.take()) {
                received.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A few microseconds of work that the JIT cannot remove, and never the END marker. */
    private static long mix(long item) {
        long h = item;
        for (int i = 0; i < 5000; i++) {
            h = h * 0x9E3779B97F4A7C15L + i;
        }
        return h & Long.MAX_VALUE;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }
}
