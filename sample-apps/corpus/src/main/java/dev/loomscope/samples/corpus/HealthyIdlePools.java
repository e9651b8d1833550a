package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pools left open: the work is done, the pools idle, and the program exits without shutting them
 * down, as many services' main methods do. Idle workers wait for work that a submitter outside
 * the pools would bring; nothing is deadlocked or leaked. A correct analysis reports nothing.
 *
 * <p>Ground truth: two fixed pools of 3 platform threads ({@code orders-N}, {@code billing-N}),
 * each with its own work queue, a scheduled pool of 2 ({@code timers-N}) with a task due in an hour,
 * and a virtual thread-per-task executor run 300 tasks of 5 ms each; main reads every result, then
 * sleeps 3 s with every pool idle and exits.
 */
public final class HealthyIdlePools {
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        ExecutorService orders = Executors.newFixedThreadPool(3, Thread.ofPlatform().name("orders-", 1).factory());
        ExecutorService billing = Executors.newFixedThreadPool(3, Thread.ofPlatform().name("billing-", 1).factory());
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("timers-", 1).factory());
        ExecutorService fetches = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-", 1).factory());
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(orders.submit(() -> work(5)));
            results.add(billing.submit(() -> work(5)));
            results.add(fetches.submit(() -> work(5)));
        }
        for (Future<Integer> result : results) {
            result.get();
        }
        timers.schedule(() -> { }, 1, TimeUnit.HOURS);
        Thread.sleep(3_000);
        System.out.println(results.size() + " tasks, pools left idle");
        System.exit(0);
    }

    private static int work(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return 1;
    }
}
