package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A healthy service under load that waits with timeouts everywhere: nothing here is a pathology.
 *
 * <p>Ground truth: platform threads {@code producer-1}, {@code producer-2} and virtual threads
 * {@code producer-3}, {@code producer-4} offer bursts of jobs to an unbounded
 * {@code LinkedBlockingQueue} with short random pauses. Platform workers {@code worker-1},
 * {@code worker-2} and virtual workers {@code worker-3} to {@code worker-6} loop on
 * {@code poll(10 ms)} (some polls time out in the pauses: normal), and record each job under a
 * {@code ReentrantLock} taken with {@code tryLock(50 ms)}, which succeeds at once (short critical
 * sections). A {@code CountDownLatch} holds the producers until every worker is ready and is
 * counted down by each. After {@value #RUN_MILLIS} ms main interrupts the producers, then the
 * workers; each exits its loop cleanly, every thread ends, and the program exits 0.
 */
public final class HealthyTimeouts {
    static final long RUN_MILLIS = 3_000;
    static final int WORKERS = 6;
    static final int PRODUCERS = 4;

    private final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
    private final ReentrantLock statsLock = new ReentrantLock();
    private final CountDownLatch workersReady = new CountDownLatch(WORKERS);
    private final AtomicLong emptyPolls = new AtomicLong();
    private long processed;
    private long checksum;

    public static void main(String[] args) throws InterruptedException {
        HealthyTimeouts service = new HealthyTimeouts();
        List<Thread> workers = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            Thread.Builder builder = i <= 2 ? Thread.ofPlatform() : Thread.ofVirtual();
            workers.add(builder.name("worker-" + i).start(service::work));
        }
        service.workersReady.await(); // producers start once every worker is polling
        List<Thread> producers = new ArrayList<>();
        for (int i = 1; i <= PRODUCERS; i++) {
            Thread.Builder builder = i <= 2 ? Thread.ofPlatform() : Thread.ofVirtual();
            int id = i;
            producers.add(builder.name("producer-" + i).start(() -> service.produce(id)));
        }
        TimeUnit.MILLISECONDS.sleep(RUN_MILLIS);
        stopAll(producers);
        stopAll(workers);
        System.out.printf("processed %d jobs (checksum %x), %d empty polls, %d left%n",
                service.processed, service.checksum, service.emptyPolls.get(), service.jobs.size());
    }

    private static void stopAll(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    void produce(int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long seq = 0;
        try {
            while (true) {
                for (int burst = random.nextInt(1, 8); burst > 0; burst--) {
                    jobs.offer("job-" + id + "-" + seq++); // unbounded: never blocks
                }
                TimeUnit.MILLISECONDS.sleep(random.nextInt(1, 15)); // quiet gaps: some polls time out
            }
        } catch (InterruptedException e) {
            // shutdown
        }
    }

    void work() {
        workersReady.countDown();
        try {
            while (true) {
                String job = jobs.poll(10, TimeUnit.MILLISECONDS);
                if (job == null) {
                    emptyPolls.incrementAndGet(); // nothing right now, poll again
                    continue;
                }
                int hash = job.hashCode() * 31 + job.length();
                if (statsLock.tryLock(50, TimeUnit.MILLISECONDS)) {
                    try {
                        processed++;
                        checksum ^= hash;
                    } finally {
                        statsLock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            // shutdown: stop polling and end
        }
    }
}
