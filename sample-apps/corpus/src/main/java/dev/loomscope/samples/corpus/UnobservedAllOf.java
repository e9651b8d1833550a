package dev.loomscope.samples.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Checkout runs its four side effects at once and waits for all of them with {@code allOf}: when
 * two fail, {@code join()} reports only one of them and the other is silently dropped.
 *
 * <p>Ground truth: {@value #ORDERS} orders, one after another with a 40 ms gap (about 3 s). For
 * each order four futures run at once: {@code reserveStock}, {@code chargeCard} and
 * {@code awardPoints} on virtual threads {@code checkout-N}, and {@code publishOrderEvent} on
 * virtual threads {@code publisher-N}. Main joins {@code allOf(stock, payment, points, event)} in
 * a try/catch and logs that exception only. For order {@value #DOOMED_ORDER} both the card charge
 * (f2, {@link IllegalStateException} after 20 ms) and the event publication (f4,
 * {@link UncheckedIOException} after 60 ms) fail; {@code allOf} carries f2's failure, so the
 * publisher's failure is never read by anyone. One failure lost, on a {@code publisher-N} thread.
 */
public final class UnobservedAllOf {
    static final int ORDERS = 30;
    static final int DOOMED_ORDER = 12;

    public static void main(String[] args) throws InterruptedException {
        int completed = 0;
        try (ExecutorService checkout = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("checkout-", 1).factory());
             ExecutorService publisher = Executors.newThreadPerTaskExecutor(
                     Thread.ofVirtual().name("publisher-", 1).factory())) {
            for (int order = 1; order <= ORDERS; order++) {
                int id = order;
                CompletableFuture<Void> stock = CompletableFuture.runAsync(() -> reserveStock(id), checkout);
                CompletableFuture<Void> payment = CompletableFuture.runAsync(() -> chargeCard(id), checkout);
                CompletableFuture<Void> points = CompletableFuture.runAsync(() -> awardPoints(id), checkout);
                CompletableFuture<Void> event = CompletableFuture.runAsync(() -> publishOrderEvent(id), publisher);
                try {
                    CompletableFuture.allOf(stock, payment, points, event).join();
                    completed++;
                } catch (CompletionException e) {
                    // Looks complete, but it is only the first failure of the four.
                    System.out.println("order " + id + " failed: " + e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(40);
            }
        }
        System.out.println("checked out " + completed + " of " + ORDERS + " orders");
    }

    private static void reserveStock(int order) {
        pause(10);
    }

    private static void chargeCard(int order) {
        pause(20);
        if (order == DOOMED_ORDER) {
            throw new IllegalStateException("card declined for order " + order);
        }
    }

    private static void awardPoints(int order) {
        pause(5);
    }

    private static void publishOrderEvent(int order) {
        pause(60);
        if (order == DOOMED_ORDER) {
            // The broker went away at the same moment: this failure is the one nobody sees.
            throw new UncheckedIOException(new IOException("event bus unreachable, order " + order + " not published"));
        }
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
