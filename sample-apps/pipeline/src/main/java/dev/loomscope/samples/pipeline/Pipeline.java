package dev.loomscope.samples.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Three stages joined by bounded queues; the last stage is slow, so the queues fill up and every
 * upstream {@code put} blocks. This is the shape of most real backpressure incidents.
 *
 * <pre>
 *   pipeline-source-0..3 (virtual)  --put-->  parsed: ArrayBlockingQueue(16)
 *   pipeline-transform-0..1 (virtual) --take/put-->  enriched: LinkedBlockingQueue(8)
 *   pipeline-sink (platform thread) --take--> sleeps {@code sinkMillis} per item
 * </pre>
 *
 * <p>Ground truth the tests rely on: the thread names above, {@value #SOURCES} sources and
 * {@value #TRANSFORMS} transforms (all virtual), one platform sink; sources and transforms spend
 * most of their life blocked in {@code put}; the sink spends most of its life sleeping. With
 * {@code --forever} it runs until killed, or with {@code --exit-with PID} until that process ends (the
 * live demo); otherwise it processes {@code --items}
 * items and exits normally, printing {@code done <count>}.
 */
public final class Pipeline {
    static final int SOURCES = 4;
    static final int TRANSFORMS = 2;
    private static final Integer END = -1;

    private final BlockingQueue<Integer> parsed = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<Integer> enriched = new LinkedBlockingQueue<>(8);
    private final long itemsPerSource;
    private final long sinkMillis;

    private Pipeline(long itemsPerSource, long sinkMillis) {
        this.itemsPerSource = itemsPerSource;
        this.sinkMillis = sinkMillis;
    }

    public static void main(String[] args) throws InterruptedException {
        long items = 600;
        long sinkMillis = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--items" -> items = Long.parseLong(args[++i]);
                case "--sink-millis" -> sinkMillis = Long.parseLong(args[++i]);
                case "--forever" -> items = Long.MAX_VALUE;
                case "--exit-with" -> exitWith(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException(
                        "unknown argument " + args[i] + " (use --items N, --sink-millis M, --forever, --exit-with PID)");
            }
        }
        long perSource = items == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, items / SOURCES);
        long processed = new Pipeline(perSource, sinkMillis).run();
        System.out.println("done " + processed);
    }

    /**
     * Ends this process when process {@code pid} ends: the app that started the demo, even when it
     * is killed and runs no shutdown hook. Polled, because a process that is not our child cannot
     * be waited for.
     */
    private static void exitWith(long pid) {
        ProcessHandle owner = ProcessHandle.of(pid).orElse(null);
        Thread.ofPlatform().daemon().name("pipeline-exit-with-" + pid).start(() -> {
            while (owner != null && owner.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        });
    }

    private long run() throws InterruptedException {
        List<Thread> upstream = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            int id = i;
            upstream.add(Thread.ofVirtual().name("pipeline-source-" + i).start(() -> produce(id)));
        }
        List<Thread> transforms = new ArrayList<>();
        for (int i = 0; i < TRANSFORMS; i++) {
            transforms.add(Thread.ofVirtual().name("pipeline-transform-" + i).start(this::transform));
        }
        long[] processed = new long[1];
        Thread sink = Thread.ofPlatform().name("pipeline-sink").start(() -> processed[0] = sink());

        for (Thread t : upstream) {
            t.join();
        }
        for (int i = 0; i < TRANSFORMS; i++) {
            parsed.put(END);
        }
        for (Thread t : transforms) {
            t.join();
        }
        enriched.put(END);
        sink.join();
        return processed[0];
    }

    private void produce(int source) {
        try {
            for (long n = 0; n < itemsPerSource; n++) {
                parsed.put(parse(source, n));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int parse(int source, long n) {
        // A little CPU so the sources are not pure queue traffic.
        int h = source;
        for (int i = 0; i < 2_000; i++) {
            h = h * 31 + (int) (n ^ i);
        }
        return h & 0x7fff_ffff;
    }

    private void transform() {
        try {
            while (true) {
                Integer item = parsed.take();
                if (item.equals(END)) {
                    return;
                }
                enriched.put(item % 1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long sink() {
        long count = 0;
        try {
            while (true) {
                Integer item = enriched.take();
                if (item.equals(END)) {
                    return count;
                }
                TimeUnit.MILLISECONDS.sleep(sinkMillis); // the slow consumer
                count++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count;
        }
    }
}
