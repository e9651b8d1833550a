package dev.loomscope.samples.corpus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A healthy request/response service under load: a virtual thread per request, two backend calls
 * in parallel per request, a lock-protected counter and a hand-off to a statistics thread that
 * keeps up. Nothing here is wrong; a correct analysis reports nothing.
 *
 * <p>Ground truth: for {@value #RUN_MILLIS} ms main accepts {@value #PER_TICK} requests every
 * 10 ms (about 4,500 in all), each on a virtual thread {@code req-N}. A request calls the profile
 * and the recommendations backends with {@code supplyAsync} on virtual threads {@code backend-N}
 * (each sleeps 1 ms; 1 recommendations call in 50 fails and is handled with
 * {@code exceptionally}), combines them with {@code thenCombine} and joins, counts itself under a
 * {@link ReentrantLock}, and puts its latency into an {@code ArrayBlockingQueue(1024)} drained by
 * one platform thread {@code aggregator}, which does almost nothing per item and so never falls
 * behind. Main closes both executors (waiting for every request), then stops the aggregator.
 */
public final class HealthyRequestResponse {
    static final long RUN_MILLIS = 3_000;
    static final int PER_TICK = 15;
    private static final long STOP = -1;

    private final BlockingQueue<Long> latencies = new ArrayBlockingQueue<>(1024);
    private final ReentrantLock statsLock = new ReentrantLock();
    private long served;
    private long degraded;

    public static void main(String[] args) throws InterruptedException {
        new HealthyRequestResponse().run();
    }

    private void run() throws InterruptedException {
        long[] summary = new long[2];
        Thread aggregator = Thread.ofPlatform().name("aggregator").start(() -> aggregate(summary));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        try (ExecutorService requests = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("req-", 1).factory());
             ExecutorService backend = Executors.newThreadPerTaskExecutor(
                     Thread.ofVirtual().name("backend-", 1).factory())) {
            int next = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < PER_TICK; i++) {
                    int userId = next++;
                    requests.submit(() -> handle(userId, backend));
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } // close() waits for every request, then every backend call
        latencies.put(STOP);
        aggregator.join();
        System.out.printf("served %d (%d degraded), mean latency %.2f ms%n",
                served, degraded, summary[1] / 1e6 / Math.max(1, summary[0]));
    }

    private void handle(int userId, ExecutorService backend) {
        long start = System.nanoTime();
        CompletableFuture<String> profile = CompletableFuture.supplyAsync(() -> profile(userId), backend);
        CompletableFuture<String> recs = CompletableFuture.supplyAsync(() -> recommendations(userId), backend)
                .exceptionally(e -> "[]"); // recommendations are optional: degrade, do not fail the page
        String page = profile.thenCombine(recs, (p, r) -> "{\"profile\":" + p + ",\"recs\":" + r + "}").join();
        statsLock.lock();
        try {
            served++;
            if (page.endsWith("[]}")) {
                degraded++;
            }
        } finally {
            statsLock.unlock();
        }
        try {
            latencies.put(System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts and sums latencies until the stop marker. */
    private void aggregate(long[] summary) {
        try {
            for (long nanos = latencies.take(); nanos != STOP; nanos = latencies.take()) {
                summary[0]++;
                summary[1] += nanos;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String profile(int userId) {
        backendLatency();
        return "{\"id\":" + userId + "}";
    }

    private static String recommendations(int userId) {
        backendLatency();
        if (userId % 50 == 49) {
            throw new IllegalStateException("recommendations timed out for user " + userId);
        }
        return "[" + (userId + 1) + "," + (userId + 2) + "]";
    }

    private static void backendLatency() {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
