package dev.loomscope.samples.poolstarve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pool starvation, "sync over async": every worker of a fixed pool waits for a task it submitted
 * to the same pool, and those tasks can never start, since every worker is waiting.
 *
 * <p>Ground truth the tests rely on: a pool of {@value #WORKERS} platform threads named
 * {@code poolstarve-worker-N}; each runs {@link #outer}, which submits {@link #inner} to the same
 * pool and blocks in {@code Future.get} for up to {@value #PATIENCE_SECONDS} s. All workers are
 * blocked on a future at once for that long; then the first to time out frees a worker, the inner
 * tasks finally run, and the program prints how many outer tasks timed out ({@code timed out N},
 * at least 1) and exits.
 */
public final class PoolStarve {
    static final int WORKERS = 4;
    static final int PATIENCE_SECONDS = 2;
    private static final AtomicInteger TIMEOUTS = new AtomicInteger();
    private static final CyclicBarrier ALL_BUSY = new CyclicBarrier(WORKERS);

    public static void main(String[] args) throws Exception {
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory named = r -> new Thread(r, "poolstarve-worker-" + ids.getAndIncrement());
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(WORKERS, named);
        pool.prestartAllCoreThreads(); // otherwise a submit while workers are missing gets a new one
        List<Future<?>> outers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int request = i;
            outers.add(pool.submit(() -> outer(pool, request)));
        }
        for (Future<?> f : outers) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("timed out " + TIMEOUTS.get());
    }

    private static void outer(ExecutorService pool, int request) {
        try {
            ALL_BUSY.await(); // as under load: every worker is busy with an outer request
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Future<Integer> part = pool.submit(() -> inner(request));
        try {
            part.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            TIMEOUTS.incrementAndGet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int inner(int request) {
        return request * 2;
    }
}
