package dev.loomscope.samples.corpus;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A burst of small jobs, one virtual thread each, on a scheduler with two carriers. No job hogs a
 * carrier (each runs ~20 us, sleeps 1 ms, runs again briefly and ends), but there are so many that
 * the run queue stays far deeper than the carriers for seconds: every job waits its turn, twice.
 *
 * <p>Main sets {@code jdk.virtualThreadScheduler.parallelism=2} before the first virtual thread
 * exists, unless it is already set. Ground truth: main starts {@value #JOBS} virtual threads
 * {@code job-N} (a {@code Thread.ofVirtual().name("job-", 1)} builder) as fast as it can; each
 * does {@value #ROUNDS} rounds of arithmetic (~20 us), then {@code Thread.sleep(1)}, then
 * records its result and ends. Main joins them all. Takes about 3-5 s on 2 cores. It prints the
 * time to start the burst, the time to drain it, and the mean wait from start to first run.
 */
public final class SchedulerOverload {
    static final int JOBS = 200_000;
    static final int ROUNDS = 5000;

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        }
        LongAdder checksum = new LongAdder();
        LongAdder queuedNanos = new LongAdder();
        Thread.Builder jobs = Thread.ofVirtual().name("job-", 1);
        Thread[] threads = new Thread[JOBS];
        long begin = System.nanoTime();
        for (int i = 0; i < JOBS; i++) {
            long seed = i;
            long submitted = System.nanoTime();
            threads[i] = jobs.start(() -> {
                queuedNanos.add(System.nanoTime() - submitted);
                checksum.add(job(seed));
            });
        }
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        long done = System.nanoTime();
        System.out.printf("started %d jobs in %d ms, all done after %d ms, mean wait to run %.1f ms%n",
                JOBS, (started - begin) / 1_000_000, (done - begin) / 1_000_000,
                queuedNanos.sum() / 1e6 / JOBS);
        System.out.println("checksum " + checksum.sum());
    }

    /** About 20 us of arithmetic, then a 1 ms sleep (a tiny I/O wait). */
    private static long job(long seed) {
        long h = seed;
        for (int i = 0; i < ROUNDS; i++) {
            h = (h ^ (h >>> 31)) * 0x9E3779B97F4A7C15L + i;
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return h & 0xFF;
    }
}
