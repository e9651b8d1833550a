package dev.loomscope.samples.corpus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool about half busy with short blocking tasks: healthy, though its workers never wait for
 * work long enough for a recording's thresholds to show the wait. A correct analysis reports
 * nothing.
 *
 * <p>Ground truth, for about {@value #RUN_MILLIS} ms: a platform thread {@code intake} submits a
 * task every millisecond (a sleep of 1 ms) to a fixed pool of 4 platform threads
 * {@code orders-db-N}; each task sleeps 2 ms (a database call). The workers are busy about half
 * of the time and wait for work in between, a millisecond or two at a time (well below the JDK's
 * 20 ms park threshold). Then the intake stops, the pool idles for 200 ms, and is shut down.
 */
public final class HealthyBusyPool {
    static final long RUN_MILLIS = 3_000;

    public static void main(String[] args) throws InterruptedException {
        ExecutorService db = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("orders-db-", 1).factory());
        AtomicLong done = new AtomicLong();
        Thread intake = Thread.ofPlatform().name("intake").start(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            try {
                while (System.nanoTime() < deadline) {
                    db.execute(() -> {
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        done.incrementAndGet();
                    });
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        intake.join();
        Thread.sleep(200);
        db.shutdown();
        db.awaitTermination(5, TimeUnit.SECONDS);
        System.out.println(done.get() + " orders");
    }
}
