package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A healthy fan-out: a quote aggregator asks 50 suppliers at once per round, some suppliers fail
 * on purpose, and every failure is read. A correct analysis reports nothing.
 *
 * <p>Ground truth: rounds for about {@value #RUN_MILLIS} ms on a fixed pool of 4 platform threads
 * {@code quotes-N}, with a 30 ms pause between rounds (the pool goes idle). Each round makes 50
 * {@code supplyAsync(fetchQuote)} calls (2 ms each; every supplier whose number ends in 3 or 6
 * fails with {@link IllegalStateException}) and finishes each one by its number mod 4: with
 * {@code exceptionally} (fallback price), with {@code handle}, with {@code whenComplete} (counts the outage;
 * its stage still fails), or with {@code thenCompose} into a second {@code supplyAsync}
 * (currency conversion, 1 ms). Main joins {@code allOf} of the 50 final stages in a try/catch,
 * then reads each final stage with {@code join()} in a try/catch. Pool threads never wait on a
 * future. The pool is shut down and awaited at the end.
 */
public final class HealthyFanOut {
    static final int SUPPLIERS = 50;
    static final long RUN_MILLIS = 3_000;
    static final LongAdder OUTAGES = new LongAdder();

    public static void main(String[] args) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("quotes-", 1).factory());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        int rounds = 0;
        int failed = 0;
        long best = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            List<CompletableFuture<Long>> quotes = new ArrayList<>();
            for (int s = 0; s < SUPPLIERS; s++) {
                quotes.add(quote(s, pool));
            }
            try {
                CompletableFuture.allOf(quotes.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                // Expected: some suppliers are down. Each one is read below.
            }
            for (CompletableFuture<Long> q : quotes) {
                try {
                    best = Math.min(best, q.join());
                } catch (CompletionException e) {
                    failed++;
                }
            }
            rounds++;
            TimeUnit.MILLISECONDS.sleep(30);
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        System.out.println(rounds + " rounds, " + failed + " quotes failed (" + OUTAGES.sum()
                + " outages logged), best price " + best);
    }

    /** One supplier's quote, finished the way the calling team happened to write it. */
    private static CompletableFuture<Long> quote(int supplier, ExecutorService pool) {
        CompletableFuture<Long> raw = CompletableFuture.supplyAsync(() -> fetchQuote(supplier), pool);
        return switch (supplier % 4) {
            case 0 -> raw.exceptionally(e -> Long.MAX_VALUE); // no quote: never the best price
            case 1 -> raw.handle((price, e) -> e == null ? price : Long.MAX_VALUE);
            case 2 -> raw.whenComplete((price, e) -> {
                if (e != null) {
                    OUTAGES.increment(); // a metric; the failure itself still reaches main's join
                }
            });
            default -> raw.thenCompose(price -> CompletableFuture.supplyAsync(() -> toEuroCents(price), pool));
        };
    }

    private static long fetchQuote(int supplier) {
        pause(2);
        if (supplier % 10 == 3 || supplier % 10 == 6) {
            throw new IllegalStateException("supplier " + supplier + " unavailable");
        }
        return 10_000 + (supplier * 7919L) % 2_000;
    }

    private static long toEuroCents(long usdCents) {
        pause(1);
        return usdCents * 92 / 100;
    }

    /** Stands in for a remote call. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
