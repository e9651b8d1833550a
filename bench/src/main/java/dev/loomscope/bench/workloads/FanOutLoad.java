package dev.loomscope.bench.workloads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A future-heavy fan-out, for the capture-cost benchmark: each request (a virtual thread) calls four
 * backends with {@code supplyAsync} on a virtual-thread executor (one of them waits 1 ms, as I/O
 * would; the others compute for a few microseconds), combines them pairwise with
 * {@code thenCombine}, waits for all with {@code allOf}, maps the result with {@code thenApply},
 * recovers with {@code handle} and joins: about a dozen futures a request, every one observed.
 *
 * <p>{@code FanOutLoad REQUESTS [IN_FLIGHT]}: prints {@code throughput X requests/s}, and
 * {@code steady Y requests/s} over the second half of the requests.
 */
public final class FanOutLoad {
    private FanOutLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Semaphore permits = new Semaphore(inFlight);
        long start = System.nanoTime();
        long halfway = start;
        try (ExecutorService backends = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int id = 0; id < requests; id++) {
                permits.acquire();
                if (id == requests / 2) {
                    halfway = System.nanoTime();
                }
                int request = id;
                handlers.submit(() -> {
                    try {
                        handle(request, backends);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        Throughput.print("requests/s", requests, start, halfway, System.nanoTime());
    }

    private static long handle(int id, ExecutorService backends) {
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> io(id), backends);
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> compute(id + 1), backends);
        CompletableFuture<Long> c = CompletableFuture.supplyAsync(() -> compute(id + 2), backends);
        CompletableFuture<Long> d = CompletableFuture.supplyAsync(() -> compute(id + 3), backends);
        CompletableFuture<Long> ab = a.thenCombine(b, Long::sum);
        CompletableFuture<Long> cd = c.thenCombine(d, Long::sum);
        return CompletableFuture.allOf(ab, cd)
                .thenApply(ignored -> ab.join() ^ cd.join())
                .handle((value, failure) -> failure == null ? value : -1L)
                .join();
    }

    private static long io(int id) {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return id;
    }

    private static long compute(long seed) {
        long h = seed;
        for (int i = 0; i < 500; i++) {
            h = h * 0x9E3779B97F4A7C15L + i;
        }
        return h;
    }
}
