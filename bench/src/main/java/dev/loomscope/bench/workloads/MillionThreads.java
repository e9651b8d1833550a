package dev.loomscope.bench.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A swamped default virtual-thread scheduler, on purpose: about a million short-lived virtual
 * threads started from one loop as fast as possible, handing items through bounded queues.
 *
 * <p>Ground truth a test can rely on (defaults in brackets):
 * <ul>
 *   <li>{@code --threads N} [1,000,000] generator virtual threads named {@code gen-0} ..
 *       {@code gen-(N-1)}, all started by the platform {@code main} thread. Generator {@code gen-i}
 *       puts one item into queue {@code i % Q} (blocking in {@code ArrayBlockingQueue.put} while
 *       that queue is full), then calls {@code Thread.sleep(0, 100_000)} (0.1 ms) once, then
 *       ends. So there are exactly N {@code jdk.ThreadSleep} calls asking for 100 µs each.</li>
 *   <li>{@code --queues Q} [64] {@code ArrayBlockingQueue}s of capacity 16, and exactly one
 *       long-lived consumer virtual thread per queue, named {@code sink-0} .. {@code sink-(Q-1)};
 *       {@code sink-q} takes (blocking in {@code take}) exactly the items bound for queue q, then
 *       ends.</li>
 *   <li>Nothing else runs on the scheduler, which keeps its default parallelism (one carrier per
 *       core). The start loop floods the carriers' queues, so a 0.1 ms sleep's wake-up waits
 *       behind hundreds of thousands of not-yet-run threads: sleeps return seconds late, and
 *       with the {@code profile} settings (ThreadSleep threshold 10 ms) many of them are
 *       recorded with {@code time} = 100 µs and a {@code duration} of seconds.</li>
 * </ul>
 *
 * <p>The program ends by itself once every item is taken and every generator has ended, prints
 * one summary line and exits 0. Run with the single-file launcher, for example
 * {@code java MillionThreads.java --threads 1000000 --queues 64}.
 */
public final class MillionThreads {
    private static final int QUEUE_CAPACITY = 16;
    private static final long SLEEP_NANOS = 100_000; // the 0.1 ms each generator asks for

    private MillionThreads() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = intArg(args, "--threads", 1_000_000);
        int queueCount = intArg(args, "--queues", 64);
        if (threads < 0 || queueCount < 1) {
            throw new IllegalArgumentException("need --threads >= 0 and --queues >= 1");
        }

        List<BlockingQueue<Integer>> queues = new ArrayList<>(queueCount);
        for (int q = 0; q < queueCount; q++) {
            queues.add(new ArrayBlockingQueue<>(QUEUE_CAPACITY));
        }
        long[] taken = new long[queueCount]; // written by sink-q, read after its join
        long start = System.nanoTime();
        Thread[] sinks = startSinks(queues, taken, threads);

        CountDownLatch generatorsEnded = new CountDownLatch(threads);
        LongAccumulator longestSleep = new LongAccumulator(Math::max, 0);
        // One builder, so names come out gen-0, gen-1, ... in start order, matching i.
        Thread.Builder generators = Thread.ofVirtual().name("gen-", 0);
        for (int i = 0; i < threads; i++) {
            BlockingQueue<Integer> queue = queues.get(i % queueCount);
            Integer item = i;
            generators.start(() -> generate(queue, item, generatorsEnded, longestSleep));
        }
        long started = System.nanoTime();

        long moved = 0;
        for (int q = 0; q < queueCount; q++) {
            sinks[q].join();
            moved += taken[q];
        }
        generatorsEnded.await();
        long elapsed = System.nanoTime() - start;
        System.out.printf("million-threads threads-started %d sinks %d items-moved %d"
                        + " start-loop-ms %d elapsed-ms %d longest-0.1ms-sleep-ms %d%n",
                threads, queueCount, moved, (started - start) / 1_000_000, elapsed / 1_000_000,
                longestSleep.get() / 1_000_000);
    }

    private static void generate(BlockingQueue<Integer> queue, Integer item,
                                 CountDownLatch ended, LongAccumulator longestSleep) {
        try {
            queue.put(item);
            long before = System.nanoTime();
            Thread.sleep(0, (int) SLEEP_NANOS);
            longestSleep.accumulate(System.nanoTime() - before);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts; keep the contract anyway
        } finally {
            ended.countDown();
        }
    }

    /** One sink per queue; each knows exactly how many items gen-i (i % Q == q) will send it. */
    private static Thread[] startSinks(List<BlockingQueue<Integer>> queues, long[] taken,
                                       int threads) {
        int queueCount = queues.size();
        Thread.Builder builder = Thread.ofVirtual().name("sink-", 0);
        Thread[] sinks = new Thread[queueCount];
        for (int q = 0; q < queueCount; q++) {
            int index = q;
            int expected = threads / queueCount + (q < threads % queueCount ? 1 : 0);
            sinks[q] = builder.start(() -> taken[index] = drain(queues.get(index), expected));
        }
        return sinks;
    }

    private static long drain(BlockingQueue<Integer> queue, int expected) {
        long taken = 0;
        try {
            while (taken < expected) {
                queue.take();
                taken++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }
}
