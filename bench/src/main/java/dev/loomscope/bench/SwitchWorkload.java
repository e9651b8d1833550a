package dev.loomscope.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The context-switch microbenchmark's workload, run in a child JVM: two virtual threads hand a
 * turn back and forth with park/unpark, {@code N} round trips (two switches each) after a warm-up,
 * on one carrier. Prints {@code ns-per-switch X}.
 */
public final class SwitchWorkload {
    private static volatile boolean pingTurn = true;

    private SwitchWorkload() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        run(rounds / 5); // warm-up: compiled before measuring
        long start = System.nanoTime();
        run(rounds);
        System.out.printf("ns-per-switch %.1f%n", (System.nanoTime() - start) / (2.0 * rounds));
    }

    private static void run(int rounds) throws InterruptedException {
        Thread[] pair = new Thread[2];
        pair[0] = Thread.ofVirtual().unstarted(() -> play(rounds, true, pair));
        pair[1] = Thread.ofVirtual().unstarted(() -> play(rounds, false, pair));
        pingTurn = true;
        pair[0].start();
        pair[1].start();
        pair[0].join();
        pair[1].join();
    }

    private static void play(int rounds, boolean ping, Thread[] pair) {
        Thread other = ping ? pair[1] : pair[0];
        for (int i = 0; i < rounds; i++) {
            while (pingTurn != ping) {
                LockSupport.park();
            }
            pingTurn = !ping;
            LockSupport.unpark(other);
        }
    }
}
