package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sync over async on a bounded pool: each order task prices its lines by submitting a sub-task to
 * the same fixed pool and blocking on its result.
 *
 * <p>Ground truth: {@code Executors.newFixedThreadPool(4)} with platform threads {@code orders-1}
 * to {@code orders-4}. Four {@link #processOrder} tasks take all four threads, each loads its order
 * ({@value #LOAD_ORDER_MILLIS} ms), waits until all four hold their threads (so the pool has no
 * thread left to start for a sub-task, however late main submits), submits a
 * {@link #priceLines} task to the same pool and waits in {@code Future.get(3, SECONDS)}: the
 * sub-tasks sit in the queue with no thread to run them (the bug), so all four workers wait on
 * futures at once from about 0.1 s to 3.1 s. Each get throws {@code TimeoutException}, the
 * orders fail, the queued sub-tasks then run ({@value #PRICING_CALL_MILLIS} ms each, too late for
 * any order), main shuts the pool down, and the program exits 0.
 */
public final class FixedPoolSyncOverAsync {
    static final int POOL_SIZE = 4;
    static final long PRICING_TIMEOUT_SECONDS = 3;
    static final long LOAD_ORDER_MILLIS = 100;
    static final long PRICING_CALL_MILLIS = 100;

    private final ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE, new OrderThreads());
    private final CountDownLatch allTaken = new CountDownLatch(POOL_SIZE);

    public static void main(String[] args) throws InterruptedException {
        FixedPoolSyncOverAsync service = new FixedPoolSyncOverAsync();
        List<Future<String>> orders = new ArrayList<>();
        for (int id = 1; id <= POOL_SIZE; id++) {
            int orderId = id;
            orders.add(service.pool.submit(() -> service.processOrder(orderId)));
        }
        for (Future<String> order : orders) {
            try {
                System.out.println(order.get());
            } catch (ExecutionException e) {
                System.out.println("order failed: " + e.getCause());
            }
        }
        service.pool.shutdown();
        service.pool.awaitTermination(1, TimeUnit.SECONDS);
    }

    String processOrder(int orderId) throws InterruptedException, ExecutionException {
        TimeUnit.MILLISECONDS.sleep(LOAD_ORDER_MILLIS); // meanwhile the other orders take the other threads
        allTaken.countDown();
        allTaken.await();
        Future<Long> total = pool.submit(() -> priceLines(orderId)); // queued behind the outer tasks
        try {
            return "order " + orderId + " total " + total.get(PRICING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "order " + orderId + " failed: pricing timed out";
        }
    }

    private static long priceLines(int orderId) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(PRICING_CALL_MILLIS); // the pricing service
        long cents = 0;
        for (int line = 1; line <= 3; line++) {
            cents += 499L * line + orderId;
        }
        return cents;
    }

    /** Names pool threads orders-1, orders-2, ... */
    static final class OrderThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            return Thread.ofPlatform().name("orders-" + next.getAndIncrement()).unstarted(task);
        }
    }
}
