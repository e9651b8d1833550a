package dev.loomscope.samples.deadlock;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two deadlocks, as they happen in real code.
 * <ul>
 * <li>A channel cycle: virtual threads {@code deadlock-left} and {@code deadlock-right} play
 *     ping-pong over two {@code SynchronousQueue}s ({@code toRight}, {@code toLeft}) for
 *     {@value #ROUNDS} rounds: left sends, right receives and answers. In the last round left
 *     waits for an answer before it has sent (the bug): each waits for the other to send first, and
 *     both block forever in {@code SynchronousQueue.take()}, in {@link #left} and {@link #right}.
 *     Only right ever sent to {@code toLeft}, only left to {@code toRight}.</li>
 * <li>A lock cycle: platform threads {@code deadlock-lock-a} and {@code deadlock-lock-b} take two
 *     monitors in opposite orders, in {@link #transfer}; each holds one and waits for the other.</li>
 * </ul>
 * Once both lock threads hold their first monitor it prints {@code locks held} (the lock cycle is
 * then certain: each waited for the other to take its first before reaching for the second), lingers
 * {@code --linger-millis} (default 2000), prints {@code deadlocked}, and exits (its deadlocked
 * threads are daemons).
 */
public final class Deadlock {
    static final int ROUNDS = 20;

    private final BlockingQueue<String> toLeft = new SynchronousQueue<>();
    private final BlockingQueue<String> toRight = new SynchronousQueue<>();
    private final Object accountA = new Object();
    private final Object accountB = new Object();
    private final CountDownLatch firstLocksHeld = new CountDownLatch(2);

    public static void main(String[] args) throws InterruptedException {
        long linger = 2_000;
        if (args.length == 2 && args[0].equals("--linger-millis")) {
            linger = Long.parseLong(args[1]);
        }
        Deadlock d = new Deadlock();
        Thread.ofVirtual().name("deadlock-left").start(d::left);
        Thread.ofVirtual().name("deadlock-right").start(d::right);
        Thread.ofPlatform().daemon().name("deadlock-lock-a").start(() -> d.transfer(d.accountA, d.accountB));
        Thread.ofPlatform().daemon().name("deadlock-lock-b").start(() -> d.transfer(d.accountB, d.accountA));
        d.firstLocksHeld.await();
        System.out.println("locks held");
        TimeUnit.MILLISECONDS.sleep(linger);
        System.out.println("deadlocked");
    }

    private void left() {
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                if (round < ROUNDS) {
                    toRight.put("order " + round); // the last round forgets to send first
                }
                toLeft.take(); // in the last round: waits for right, which waits for us
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void right() {
        try {
            while (true) {
                String order = toRight.take(); // in the last round: waits for left, which waits for us
                toLeft.put(order + " confirmed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void transfer(Object from, Object to) {
        synchronized (from) {
            firstLocksHeld.countDown();
            awaitTheOther();
            synchronized (to) {
                System.out.println("never printed");
            }
        }
    }

    /** Not a sleep: on a slow machine one thread could take both monitors before the other started. */
    private void awaitTheOther() {
        try {
            firstLocksHeld.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
