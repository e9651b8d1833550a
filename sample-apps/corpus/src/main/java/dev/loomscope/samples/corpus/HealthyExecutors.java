package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * A healthy mix of every common executor, each doing short tasks, then an orderly shutdown. A
 * correct analysis reports nothing.
 *
 * <p>Ground truth, for about {@value #RUN_MILLIS} ms, one batch every 20 ms:
 * <ul>
 * <li>a fixed pool of 3 platform threads {@code cpu-N}: 6 checksum tasks (~0.1 ms each);</li>
 * <li>a cached pool of platform threads {@code io-N}: 4 tasks that sleep 2 ms (a file read);</li>
 * <li>{@code Executors.newThreadPerTaskExecutor} with virtual threads {@code vt-fetch-N}: 8 tasks
 *     that sleep 3 ms (an HTTP call);</li>
 * <li>every 10th batch, a parallel stream summing 200,000 numbers on
 *     {@code ForkJoinPool.commonPool} ({@code ForkJoinPool.commonPool-worker-N}) and main;</li>
 * <li>all along, a scheduled pool of 2 platform threads {@code scheduler-N} runs a metrics flush
 *     every 50 ms ({@code scheduleAtFixedRate}) and a cache sweep every 100 ms
 *     ({@code scheduleWithFixedDelay}).</li>
 * </ul>
 * Main reads every task's {@link Future} (all succeed), so no pool waits on itself and each pool
 * idles between batches. At the end every executor is shut down (or closed) and awaited.
 */
public final class HealthyExecutors {
    static final long RUN_MILLIS = 3_000;

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        ExecutorService cpu = Executors.newFixedThreadPool(3, Thread.ofPlatform().name("cpu-", 1).factory());
        ExecutorService io = Executors.newCachedThreadPool(Thread.ofPlatform().name("io-", 1).factory());
        ExecutorService fetch = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vt-fetch-", 1).factory());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("scheduler-", 1).factory());
        AtomicLong flushes = new AtomicLong();
        AtomicLong sweeps = new AtomicLong();
        scheduler.scheduleAtFixedRate(flushes::incrementAndGet, 50, 50, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(sweeps::incrementAndGet, 100, 100, TimeUnit.MILLISECONDS);

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        long checksum = 0;
        int batch = 0;
        while (System.nanoTime() < deadline) {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long seed = batch * 100L + i;
                results.add(cpu.submit(() -> checksum(seed)));
            }
            for (int i = 0; i < 4; i++) {
                results.add(io.submit(() -> sleepy(2)));
            }
            for (int i = 0; i < 8; i++) {
                results.add(fetch.submit(() -> sleepy(3)));
            }
            if (batch % 10 == 0) {
                checksum += LongStream.range(0, 200_000).parallel().map(n -> n * n % 7).sum();
            }
            for (Future<Long> f : results) {
                checksum += f.get();
            }
            batch++;
            TimeUnit.MILLISECONDS.sleep(20);
        }

        scheduler.shutdown(); // cancels the periodic tasks
        cpu.shutdown();
        io.shutdown();
        fetch.close(); // waits for its virtual threads
        for (ExecutorService pool : List.of(scheduler, cpu, io)) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.printf("%d batches, %d flushes, %d sweeps, checksum %d%n",
                batch, flushes.get(), sweeps.get(), checksum);
    }

    private static long checksum(long seed) {
        long h = seed;
        for (int i = 0; i < 20_000; i++) {
            h = Long.rotateLeft(h * 31 + i, 7);
        }
        return h & 0xFFFF;
    }

    private static long sleepy(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
        return millis;
    }
}
