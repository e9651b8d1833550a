package dev.loomscope.samples.corpus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Failures composed in and read: every failure reaches a caller that handles it. A correct
 * analysis reports nothing.
 *
 * <p>Ground truth: 20 times, a quote lookup on a pool of 2 platform threads {@code quotes-N}
 * waits until main is blocked in {@code join}, then its {@code thenCompose} returns
 * {@code CompletableFuture.failedFuture(new IllegalStateException("quote service down"))}; main's
 * join throws and main catches it (20 handled). Then 20 more times without waiting for main, so
 * that main joins a future already failed.
 */
public final class HealthyComposedFailures {
    public static void main(String[] args) {
        ExecutorService quotes = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("quotes-", 1).factory());
        Thread caller = Thread.currentThread();
        int handled = 0;
        for (int i = 0; i < 40; i++) {
            boolean callerFirst = i < 20;
            CompletableFuture<Integer> quote = CompletableFuture.supplyAsync(() -> {
                if (callerFirst) {
                    waitUntilWaiting(caller);
                }
                return 1;
            }, quotes).thenCompose(x -> CompletableFuture.failedFuture(new IllegalStateException("quote service down")));
            try {
                quote.join();
            } catch (CompletionException e) {
                handled++;
            }
        }
        quotes.shutdown();
        System.out.println(handled + " failures handled");
    }

    /** Until {@code thread} is blocked (in join), at most 10 s. */
    private static void waitUntilWaiting(Thread thread) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
