package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A channel deadlock between two virtual threads: two peers exchange batches of
 * {@value #BATCH} records over inboxes of capacity {@value #INBOX_CAPACITY}.
 *
 * <p>Ground truth: virtual threads {@code swap-a} and {@code swap-b} each send their whole batch to
 * the other's inbox before draining their own (the bug: a batch is larger than an inbox). After
 * four records the other's inbox is full, so each blocks in {@code ArrayBlockingQueue.put()} in
 * {@link #exchange}, waiting for the other to take, which it does only after its own put: a
 * cycle, from about 0 s to 3 s. The platform thread {@code swap-watchdog} interrupts both
 * {@value #WATCHDOG_MILLIS} ms after both reached their last put (however late they start); they end on {@code InterruptedException}, and the program exits 0.
 */
public final class ChannelDeadlockVirtual {
    static final int BATCH = 5;
    static final int INBOX_CAPACITY = 4;
    static final long WATCHDOG_MILLIS = 3_000;
    /** Opened as both peers reach the put that blocks: the watchdog's time counts from there. */
    private static final CountDownLatch bothFull = new CountDownLatch(2);

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<String> inboxA = new ArrayBlockingQueue<>(INBOX_CAPACITY);
        BlockingQueue<String> inboxB = new ArrayBlockingQueue<>(INBOX_CAPACITY);
        Thread a = Thread.ofVirtual().name("swap-a").start(() -> exchange("a", inboxA, inboxB));
        Thread b = Thread.ofVirtual().name("swap-b").start(() -> exchange("b", inboxB, inboxA));
        Thread watchdog = Thread.ofPlatform().name("swap-watchdog").start(() -> {
            try {
                bothFull.await();
                TimeUnit.MILLISECONDS.sleep(WATCHDOG_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (a.isAlive() || b.isAlive()) {
                System.out.println("exchange timed out, interrupting peers");
                a.interrupt();
                b.interrupt();
            }
        });
        a.join();
        b.join();
        watchdog.join();
    }

    /** Sends our batch to the peer, then receives the peer's batch. */
    private static void exchange(String self, BlockingQueue<String> inbox, BlockingQueue<String> peerInbox) {
        try {
            for (int i = 0; i < BATCH; i++) {
                if (i == BATCH - 1) {
                    bothFull.countDown();
                }
                peerInbox.put(self + "-record-" + i); // blocks on the fifth: the peer's inbox is full
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                received.add(inbox.take());
            }
            System.out.println(self + " received " + received.size() + " records");
        } catch (InterruptedException e) {
            System.out.println("swap-" + self + " interrupted, giving up");
        }
    }
}
