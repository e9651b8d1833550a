package dev.loomscope.core.jfr;

import java.util.concurrent.locks.LockSupport;

/**
 * A platform thread {@code spinner} spends some CPU, then parks for good; once main sees it
 * parked, main sleeps 3 s and exits. JFR measures every thread's CPU load periodically and commits
 * the measurement on the measured thread's behalf (its {@code eventThread}) whenever the thread
 * used CPU since the last one: for the spinner, once, while it is parked.
 */
public final class SpinThenParkProgram {
    private SpinThenParkProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        long[] sum = new long[1];
        Thread spinner = Thread.ofPlatform().daemon().name("spinner").start(() -> {
            long x = 0;
            for (int i = 0; i < 100_000_000; i++) {
                x += i % 7;
            }
            sum[0] = x;
            LockSupport.park();
        });
        while (spinner.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        Thread.sleep(3_000);
        System.out.println("spun " + sum[0]);
        System.exit(0);
    }
}
