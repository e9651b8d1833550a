package dev.loomscope.samples.deadlock;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two deadlocks, as they happen in real code.
 * <ul>
 * <li>A channel cycle: virtual thread {@code deadlock-left} first receives from {@code toLeft},
 *     then sends to {@code toRight}; {@code deadlock-right} first receives from {@code toRight},
 *     then sends to {@code toLeft}. Each waits for the other to send first: both block forever in
 *     {@code SynchronousQueue.take()}, in {@link #left} and {@link #right}.</li>
 * <li>A lock cycle: platform threads {@code deadlock-lock-a} and {@code deadlock-lock-b} take two
 *     monitors in opposite orders, in {@link #transfer}; each holds one and waits for the other.</li>
 * </ul>
 * The program lingers {@code --linger-millis} (default 2000), prints {@code deadlocked}, and exits
 * (its deadlocked threads are daemons).
 */
public final class Deadlock {
    private final BlockingQueue<String> toLeft = new SynchronousQueue<>();
    private final BlockingQueue<String> toRight = new SynchronousQueue<>();
    private final Object accountA = new Object();
    private final Object accountB = new Object();

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
        TimeUnit.MILLISECONDS.sleep(linger);
        System.out.println("deadlocked");
    }

    private void left() {
        try {
            String order = toLeft.take(); // waits for right, which waits for us
            toRight.put(order + " confirmed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void right() {
        try {
            String order = toRight.take(); // waits for left, which waits for us
            toLeft.put(order + " confirmed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void transfer(Object from, Object to) {
        synchronized (from) {
            pause();
            synchronized (to) {
                System.out.println("never printed");
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100); // both threads now hold their first lock
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
