package dev.loomscope.samples.corpus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A hedged price lookup: ask the edge cache and the origin at once and take whichever answers
 * first with {@code anyOf}. The origin's answer (here, its failure) arrives later and nobody is
 * listening any more.
 *
 * <p>Ground truth: {@value #LOOKUPS} lookups, one every 250 ms (about 3 s). Each one starts
 * {@code fast} ({@code edgeCachePrice}: virtual thread {@code edge-cache-N}, completes normally
 * after 20 ms) and {@code slow} ({@code originPrice}: virtual thread {@code origin-N}, fails with
 * {@link IllegalStateException} after 200 ms, once main has its answer: so the cache wins however
 * late its thread starts), and main joins only
 * {@code anyOf(fast, slow)}, which completes with the cache's price. Every {@code slow} failure
 * ({@value #LOOKUPS} of them, same site) is never read; both executors are closed (awaited) at
 * the end, so the last failure happens before exit.
 */
public final class UnobservedAnyOf {
    static final int LOOKUPS = 12;

    public static void main(String[] args) throws InterruptedException {
        long total = 0;
        try (ExecutorService edgeCache = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("edge-cache-", 1).factory());
             ExecutorService origin = Executors.newThreadPerTaskExecutor(
                     Thread.ofVirtual().name("origin-", 1).factory())) {
            for (int i = 1; i <= LOOKUPS; i++) {
                String sku = "SKU-" + (4000 + i);
                CompletableFuture<Long> fast = CompletableFuture.supplyAsync(() -> edgeCachePrice(sku), edgeCache);
                CountDownLatch answered = new CountDownLatch(1);
                CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> originPrice(sku, answered), origin);
                // Whichever answers first wins; the loser is simply forgotten.
                long price = (Long) CompletableFuture.anyOf(fast, slow).join();
                answered.countDown();
                total += price;
                TimeUnit.MILLISECONDS.sleep(230);
            }
        }
        System.out.println("priced " + LOOKUPS + " items, total " + total + " cents");
    }

    private static long edgeCachePrice(String sku) {
        pause(20);
        return 1_000 + Math.floorMod(sku.hashCode(), 500);
    }

    /** Fails after 200 ms, and not before {@code answered} opens: the cache must have won. */
    private static long originPrice(String sku, CountDownLatch answered) {
        pause(200);
        try {
            answered.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("origin answered 503 for " + sku);
    }

    /** Stands in for a network round trip. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
