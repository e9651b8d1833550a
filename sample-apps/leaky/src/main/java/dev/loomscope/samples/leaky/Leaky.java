package dev.loomscope.samples.leaky;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * A goroutine leak on the JVM: some virtual threads wait forever to receive from a queue that
 * nobody ever sends to, while the rest of the program does its work and finishes.
 *
 * <p>Ground truth the tests rely on: {@value #ORPHANS} virtual threads named
 * {@code leaky-orphan-N} block in {@link #awaitOrder} on {@code SynchronousQueue.take()} and never
 * end; {@value #WORKERS} virtual threads named {@code leaky-worker-N} sleep briefly, hand a result
 * over a queue and end. The program lingers {@code --linger-millis} (default 2000) after the
 * workers finish, so the orphans are seen blocked for a long time, then exits; being virtual (and
 * so daemon) threads, the orphans die with the JVM without ever ending.
 */
public final class Leaky {
    static final int ORPHANS = 40;
    static final int WORKERS = 60;

    /** Nobody ever puts into this queue: the bug. */
    private final BlockingQueue<String> orders = new SynchronousQueue<>();
    private final BlockingQueue<Integer> results = new LinkedBlockingQueue<>();

    public static void main(String[] args) throws InterruptedException {
        long lingerMillis = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--linger-millis" -> lingerMillis = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException(
                        "unknown argument " + args[i] + " (use --linger-millis N)");
            }
        }
        new Leaky().run(lingerMillis);
    }

    private void run(long lingerMillis) throws InterruptedException {
        for (int i = 0; i < ORPHANS; i++) {
            Thread.ofVirtual().name("leaky-orphan-" + i).start(this::awaitOrder);
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int id = i;
            workers.add(Thread.ofVirtual().name("leaky-worker-" + i).start(() -> work(id)));
        }
        long sum = 0;
        for (int i = 0; i < WORKERS; i++) {
            sum += results.take();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("workers done " + sum);
        TimeUnit.MILLISECONDS.sleep(lingerMillis);
        System.out.println("leaked " + ORPHANS);
    }

    private void awaitOrder() {
        try {
            String order = orders.take(); // blocks forever: nobody sends
            System.out.println("never printed " + order);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work(int id) {
        try {
            TimeUnit.MILLISECONDS.sleep(20 + id % 7);
            results.put(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
