package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure on an audit queue whose writer never waits for input, beside a pool that mostly
 * idles: the pool's workers wait on their own queue, and are no consumer of the audit queue.
 *
 * <p>Ground truth, for about {@value #RUN_MILLIS} ms: 4 platform threads {@code order-handler-N}
 * put every order into an {@code ArrayBlockingQueue(50)} (the audit queue), and every 50th order
 * also submit a 1 ms task to a fixed pool of 4 platform threads {@code db-N}, which idle between
 * them. The platform thread {@code audit-writer} starts only once the audit queue is full, then
 * takes an order every 10 ms: it never waits for input, it sets the pace, and the handlers spend
 * most of their time blocked in {@code put}.
 */
public final class BackpressureBesideIdlePool {
    static final long RUN_MILLIS = 3_000;

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<String> audit = new ArrayBlockingQueue<>(50);
        ExecutorService db = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("db-", 1).factory());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        List<Thread> handlers = new ArrayList<>();
        for (int h = 1; h <= 4; h++) {
            handlers.add(Thread.ofPlatform().name("order-handler-" + h).start(() -> {
                try {
                    for (int order = 0; System.nanoTime() < deadline; order++) {
                        if (order % 50 == 0) {
                            db.execute(() -> pause(1));
                        }
                        audit.put("order " + order);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        while (audit.remainingCapacity() > 0) {
            Thread.sleep(1);
        }
        Thread writer = Thread.ofPlatform().name("audit-writer").daemon().start(() -> {
            while (true) {
                try {
                    audit.take();
                } catch (InterruptedException e) {
                    return;
                }
                pause(10);
            }
        });
        for (Thread handler : handlers) {
            handler.join();
        }
        System.out.println("audit-writer alive: " + writer.isAlive());
        System.exit(0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
