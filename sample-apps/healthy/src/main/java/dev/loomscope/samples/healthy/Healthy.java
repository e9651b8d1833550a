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
 */
public final class Healthy {
    static final int RATE = 200;

    private final BlockingQueue<Integer> results = new ArrayBlockingQueue<>(256);
    private final ReentrantLock statsLock = new ReentrantLock();
    private long served;

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 3;
        new Healthy().run(seconds);
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
