package dev.loomscope.samples.healthy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A healthy service under load: the control for every detector, which must find nothing here.
 *
 * <p>For {@code --seconds} (default 3), {@value #RATE} requests a second each get a virtual thread
 * ({@code healthy-request-N}) that calls two simulated backends concurrently (futures that sleep
 * 2-5 ms, as I/O would, joined and observed), updates a shared counter under a short-held lock,
 * and hands its result to a bounded queue that a platform thread ({@code healthy-aggregator})
 * drains faster than it fills. Every thread ends; nothing is pinned, starved, leaked or left
 * waiting. Prints {@code served N}.
 *
 * <p>With {@code --requests N} it is a throughput benchmark instead: N requests, at most
 * {@code --concurrency C} (default 200) in flight, as fast as they go; it prints
 * {@code throughput X requests/s}, and {@code steady Y requests/s} over the second half of the
 * requests (start-up and the JIT's warm-up behind it): the two lines the capture benchmarks read
 * (bench's {@code Throughput}, which this module does not depend on).
 */
public final class Healthy {
    static final int RATE = 200;

    private final BlockingQueue<Integer> results = new ArrayBlockingQueue<>(256);
    private final ReentrantLock statsLock = new ReentrantLock();
    private long served;

    public static void main(String[] args) throws InterruptedException {
        int seconds = 3;
        int requests = 0;
        int concurrency = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --seconds N, or --requests N [--concurrency C])");
            }
        }
        if (requests > 0) {
            new Healthy().throughput(requests, concurrency);
        } else {
            new Healthy().run(seconds);
        }
    }

    private void throughput(int requests, int concurrency) throws InterruptedException {
        Thread aggregator = Thread.ofPlatform().name("healthy-aggregator").start(this::aggregate);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
        long start = System.nanoTime();
        long halfway = start;
        try (ExecutorService backends = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int id = 0; id < requests; id++) {
                inFlight.acquire();
                if (id == requests / 2) {
                    halfway = System.nanoTime();    // all but the last `concurrency` of the first half are done
                }
                int request = id;
                handlers.submit(() -> {
                    try {
                        handle(request, backends);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long end = System.nanoTime();
        results.put(-1);
        aggregator.join();
        System.out.printf("throughput %.1f requests/s%n", requests / ((end - start) / 1e9));
        System.out.printf("steady %.1f requests/s%n", (requests - requests / 2) / ((end - halfway) / 1e9));
    }

    private void run(int seconds) throws InterruptedException {
        Thread aggregator = Thread.ofPlatform().name("healthy-aggregator").start(this::aggregate);
        List<Thread> requests = new ArrayList<>();
        try (ExecutorService backends = Executors.newVirtualThreadPerTaskExecutor()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int n = 0;
            while (System.nanoTime() < end) {
                int id = n++;
                requests.add(Thread.ofVirtual().name("healthy-request-" + id).start(() -> handle(id, backends)));
                TimeUnit.MICROSECONDS.sleep(1_000_000 / RATE);
            }
            for (Thread r : requests) {
                r.join();
            }
        }
        results.put(-1);
        aggregator.join();
        System.out.println("served " + served);
    }

    private void handle(int id, ExecutorService backends) {
        CompletableFuture<Integer> user = CompletableFuture.supplyAsync(() -> backend(2 + id % 3), backends);
        CompletableFuture<Integer> stock = CompletableFuture.supplyAsync(() -> backend(3 + id % 2), backends);
        int total = user.thenCombine(stock, Integer::sum).exceptionally(e -> 0).join();
        statsLock.lock();
        try {
            served++;
        } finally {
            statsLock.unlock();
        }
        try {
            results.put(total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int backend(int millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }

    private void aggregate() {
        long sum = 0;
        try {
            while (true) {
                int r = results.take();
                if (r < 0) {
                    break;
                }
                sum += r;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sum < 0) {
            System.out.println(sum);
        }
    }
}
