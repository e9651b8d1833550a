package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A channel deadlock between two platform threads: two relays hand each other a burst of
 * {@value #BURST} frames over bounded links of capacity {@value #LINK_CAPACITY}.
 *
 * <p>Ground truth: platform threads {@code relay-left} and {@code relay-right} each forward their
 * whole burst to the other's link before reading their own (the bug: a burst is larger than a
 * link). With two frames queued the other's link is full, so each blocks in
 * {@code LinkedBlockingQueue.put()} in {@link Relay#run}, waiting for the other to take, which it
 * does only after its own put: a cycle, from about 0 s to 3 s. The platform thread
 * {@code relay-watchdog} interrupts both {@value #WATCHDOG_MILLIS} ms after both reached their
 * last put (however late they start); they end on
 * {@code InterruptedException}, and the program exits 0.
 */
public final class ChannelDeadlockPlatform {
    static final int BURST = 3;
    static final int LINK_CAPACITY = 2;
    static final long WATCHDOG_MILLIS = 3_000;
    /** Opened as both relays reach the put that blocks: the watchdog's time counts from there. */
    private static final CountDownLatch bothFull = new CountDownLatch(2);

    /** Forwards a burst of frames to the peer, then reads the peer's burst. */
    record Relay(String side, BlockingQueue<String> in, BlockingQueue<String> out) implements Runnable {
        @Override
        public void run() {
            try {
                for (int frame = 0; frame < BURST; frame++) {
                    if (frame == BURST - 1) {
                        bothFull.countDown();
                    }
                    out.put(side + ":frame-" + frame); // the third frame blocks: the peer's link is full
                }
                List<String> frames = new ArrayList<>();
                for (int frame = 0; frame < BURST; frame++) {
                    frames.add(in.take());
                }
                System.out.println("relay-" + side + " got " + frames);
            } catch (InterruptedException e) {
                System.out.println("relay-" + side + " interrupted, link dropped");
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<String> toLeft = new LinkedBlockingQueue<>(LINK_CAPACITY);
        BlockingQueue<String> toRight = new LinkedBlockingQueue<>(LINK_CAPACITY);
        Thread left = Thread.ofPlatform().name("relay-left").start(new Relay("left", toLeft, toRight));
        Thread right = Thread.ofPlatform().name("relay-right").start(new Relay("right", toRight, toLeft));
        Thread watchdog = Thread.ofPlatform().name("relay-watchdog").daemon().start(() -> {
            try {
                bothFull.await();
                TimeUnit.MILLISECONDS.sleep(WATCHDOG_MILLIS);
                System.out.println("relays silent for " + WATCHDOG_MILLIS + " ms, resetting");
                left.interrupt();
                right.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the relays finished first
            }
        });
        left.join();
        right.join();
        watchdog.interrupt();
    }
}
