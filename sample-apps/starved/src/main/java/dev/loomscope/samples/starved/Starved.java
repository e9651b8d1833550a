package dev.loomscope.samples.starved;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Carrier starvation: CPU-bound virtual threads hold both carriers of a scheduler with
 * parallelism 2, and latency-sensitive virtual threads wait to run.
 *
 * <p>Run with {@code -Djdk.virtualThreadScheduler.parallelism=2} (main sets it too, before the
 * first virtual thread exists, in case it is missing). Ground truth the tests rely on:
 * <ol>
 * <li>phase 1 (about 1 s): 8 virtual threads {@code ticker-calm-N} sleep 5 ms 100 times each, on
 *     idle carriers: they wait for a carrier hardly at all;</li>
 * <li>phase 2 (about 2 s): 2 virtual threads {@code hog-N} spin on the CPU without blocking, in
 *     stretches of {@value #HOG_SLICE_MILLIS} ms, while 8 virtual threads {@code ticker-starved-N}
 *     run the same sleep loop: each wake-up waits for a hog to finish its stretch.</li>
 * </ol>
 * It prints each phase's mean lateness of the tickers' wake-ups.
 */
public final class Starved {
    static final int TICKERS = 8;
    static final int HOGS = 2;
    static final long HOG_SLICE_MILLIS = 50;
    private static final int TICKS = 100;

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        }
        System.out.printf("calm: mean lateness %.2f ms%n", tickers("ticker-calm-", List.of()));
        System.out.printf("starved: mean lateness %.2f ms%n", tickers("ticker-starved-", startHogs()));
    }

    /** Runs the tickers, waits for them and for {@code hogs}, and returns their mean lateness in ms. */
    private static double tickers(String prefix, List<Thread> hogs) throws InterruptedException {
        long[] lateness = new long[TICKERS];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < TICKERS; i++) {
            int id = i;
            threads.add(Thread.ofVirtual().name(prefix + i).start(() -> lateness[id] = tick()));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Thread hog : hogs) {
            hog.join();
        }
        long total = 0;
        for (long l : lateness) {
            total += l;
        }
        return total / 1e6 / TICKERS / TICKS;
    }

    private static List<Thread> startHogs() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Thread> hogs = new ArrayList<>();
        for (int i = 0; i < HOGS; i++) {
            hogs.add(Thread.ofVirtual().name("hog-" + i).start(() -> hog(until)));
        }
        return hogs;
    }

    /** Sleeps 5 ms {@value #TICKS} times; returns the total time woken up late. */
    private static long tick() {
        long late = 0;
        try {
            for (int n = 0; n < TICKS; n++) {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                Thread.sleep(5);
                late += Math.max(0, System.nanoTime() - due);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return late;
    }

    /** Spins in stretches of {@value #HOG_SLICE_MILLIS} ms until {@code until}, never blocking. */
    private static void hog(long until) {
        long sink = 0;
        while (System.nanoTime() < until) {
            long sliceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOG_SLICE_MILLIS);
            while (System.nanoTime() < sliceEnd) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
            Thread.yield(); // lets the carrier go, but the other hog or this one usually takes it back
        }
        if (sink == 42) {
            System.out.println(sink);
        }
    }
}
