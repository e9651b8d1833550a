package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A permit leak: a {@code Semaphore} bounds a connection pool of {@value #POOL_SIZE}, and a code
 * path that throws skips {@code release()}, which is not in a {@code finally}.
 *
 * <p>Ground truth: virtual threads {@code report-job-1} and {@code report-job-2} each acquire a
 * permit, fail with {@code IllegalStateException} in {@link #runQuery} before releasing (the bug),
 * and end: both permits are gone. Then {@value #REQUESTS} virtual threads {@code request-1} to
 * {@code request-20} block forever in {@code Semaphore.acquire()} in {@link #runQuery}, from about
 * 0 s until the end. Main waits until they are all stuck, then {@value #STUCK_MILLIS} ms
 * ({@link Stuck}), and calls {@code System.exit(0)} while
 * all 20 are still blocked.
 */
public final class SemaphoreLeak {
    static final int POOL_SIZE = 2;
    static final int REQUESTS = 20;
    static final long STUCK_MILLIS = 3_000;

    private final Semaphore connections = new Semaphore(POOL_SIZE);

    public static void main(String[] args) throws InterruptedException {
        SemaphoreLeak pool = new SemaphoreLeak();
        List<Thread> jobs = new ArrayList<>();
        for (int i = 1; i <= POOL_SIZE; i++) {
            jobs.add(Thread.ofVirtual().name("report-job-" + i).start(() -> pool.handle("SELECT * FROM report_v2")));
        }
        for (Thread job : jobs) {
            job.join();
        }
        System.out.println("permits left after the reports: " + pool.connections.availablePermits());
        for (int i = 1; i <= REQUESTS; i++) {
            int user = i;
            Thread.ofVirtual().name("request-" + i).start(() -> pool.handle("SELECT name FROM users WHERE id = " + user));
        }
        Stuck.hold(() -> pool.connections.getQueueLength() == REQUESTS, STUCK_MILLIS);
        System.out.println("requests waiting for a connection: " + pool.connections.getQueueLength());
        System.exit(0);
    }

    void handle(String sql) {
        try {
            System.out.println(Thread.currentThread().getName() + ": " + runQuery(sql) + " rows");
        } catch (IllegalStateException e) {
            System.out.println(Thread.currentThread().getName() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int runQuery(String sql) throws InterruptedException {
        connections.acquire(); // request-N: blocks forever, the report jobs kept both permits
        int rows = execute(sql); // throws for the report view
        connections.release(); // the bug: not in a finally, so a failed query keeps its permit
        return rows;
    }

    private static int execute(String sql) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(5);
        if (sql.contains("report_v2")) {
            throw new IllegalStateException("relation \"report_v2\" does not exist");
        }
        return 1;
    }
}
