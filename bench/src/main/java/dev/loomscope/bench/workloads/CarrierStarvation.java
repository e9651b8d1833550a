package dev.loomscope.bench.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Carrier starvation, on purpose: CPU-bound virtual threads hold both carriers of a
 * two-carrier scheduler, so sleeping virtual threads wake up late.
 *
 * <p>Ground truth a test can rely on:
 * <ul>
 *   <li>The default virtual-thread scheduler runs with parallelism 2. Pass
 *       {@code -Djdk.virtualThreadScheduler.parallelism=2}; if the property is unset, main sets
 *       it to 2 before the first virtual thread exists (the scheduler reads it once).</li>
 *   <li>4 virtual threads named {@code sleeper-0} .. {@code sleeper-3} loop
 *       {@code Thread.sleep(10)} (10 ms asked for) from start to end of the run, measuring each
 *       wake-up's lateness (actual wake minus due time).</li>
 *   <li>Calm phase: for the first ~0.5 s the sleepers run alone and wake about on time.</li>
 *   <li>Hog phase: then 6 virtual threads named {@code hog-0} .. {@code hog-5} run in 3 waves
 *       of 2 (one per carrier; main starts the next wave after joining the previous one). Each
 *       spins on the CPU for 1.5 s without blocking, yielding, sleeping or allocating, so it
 *       never gives up its carrier: the phase lasts ~4.5 s with both carriers busy throughout.
 *       A sleeper whose 10 ms sleep ended waits for a carrier, so its wake-up is late by up to
 *       ~1.5 s (one wave); between waves the sleepers run, then sleep into the next wave.</li>
 *   <li>After the hogs end the sleepers run ~0.5 s more, then stop. Nothing blocks on locks or
 *       queues. Besides the sleepers' 10 ms sleeps, the platform thread {@code main} sleeps
 *       500 ms twice (calm phase, tail) and parks in {@code join} once per hog wave.</li>
 * </ul>
 *
 * <p>{@code --hogs N} (default 6) sets the number of hogs; {@code --hogs 0} is the same program
 * without starvation (the calm phases only), the "before" of a comparison.
 *
 * <p>Prints, per sleeper, its max lateness in ms in the calm phase and over the whole run, then
 * exits 0. Run with the single-file launcher, for example
 * {@code java -Djdk.virtualThreadScheduler.parallelism=2 CarrierStarvation.java}.
 */
public final class CarrierStarvation {
    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final int HOGS = 6;
    private static final int SLEEPERS = 4;
    private static final long HOG_SPIN_NANOS = 1_500_000_000L;
    private static final long SLEEP_MILLIS = 10;
    private static final long CALM_MILLIS = 500;

    private static volatile boolean running = true;
    private static volatile long spinSink; // keeps the JIT from deleting the hogs' loop

    private CarrierStarvation() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, "2");
        }
        int hogCount = args.length == 2 && args[0].equals("--hogs") ? Integer.parseInt(args[1]) : HOGS;
        AtomicLongArray calmLate = new AtomicLongArray(SLEEPERS);
        AtomicLongArray maxLate = new AtomicLongArray(SLEEPERS);
        long start = System.nanoTime();

        List<Thread> sleepers = new ArrayList<>();
        Thread.Builder sleeperBuilder = Thread.ofVirtual().name("sleeper-", 0);
        for (int s = 0; s < SLEEPERS; s++) {
            int index = s;
            sleepers.add(sleeperBuilder.start(() -> sleepLoop(index, maxLate)));
        }
        Thread.sleep(CALM_MILLIS); // main is a platform thread: sleeping here takes no carrier
        for (int s = 0; s < SLEEPERS; s++) {
            calmLate.set(s, maxLate.get(s));
        }

        // Hogs go in waves of one per carrier: started all at once, later hogs would be queued
        // ahead of the sleepers' wake-ups and double the lateness. A wave only starts after the
        // previous one ended, so between waves the carriers run the waiting sleepers first.
        int wave = Integer.parseInt(System.getProperty(PARALLELISM));
        long hogStart = System.nanoTime();
        Thread.Builder hogBuilder = Thread.ofVirtual().name("hog-", 0);
        for (int first = 0; first < hogCount; first += wave) {
            List<Thread> hogs = new ArrayList<>();
            for (int h = first; h < Math.min(first + wave, hogCount); h++) {
                hogs.add(hogBuilder.start(CarrierStarvation::spin));
            }
            for (Thread hog : hogs) {
                hog.join();
            }
        }
        long hogEnd = System.nanoTime();

        Thread.sleep(CALM_MILLIS); // let the sleepers show they recover
        running = false;
        for (Thread sleeper : sleepers) {
            sleeper.join();
        }
        System.out.printf("carrier-starvation parallelism %s hogs %d sleepers %d"
                        + " hog-phase-ms %d elapsed-ms %d%n",
                System.getProperty(PARALLELISM), hogCount, SLEEPERS,
                (hogEnd - hogStart) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        for (int s = 0; s < SLEEPERS; s++) {
            System.out.printf("sleeper-%d max-late-ms calm %.1f overall %.1f%n",
                    s, calmLate.get(s) / 1e6, maxLate.get(s) / 1e6);
        }
    }

    /** Sleeps 10 ms over and over, recording how far past the due time each wake-up came. */
    private static void sleepLoop(int index, AtomicLongArray maxLate) {
        try {
            while (running) {
                long due = System.nanoTime() + SLEEP_MILLIS * 1_000_000;
                Thread.sleep(SLEEP_MILLIS);
                long late = System.nanoTime() - due;
                if (late > maxLate.get(index)) {
                    maxLate.set(index, late); // only this sleeper writes its slot
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pure CPU: no calls that could park, so the carrier is never handed back until the end. */
    private static void spin() {
        long end = System.nanoTime() + HOG_SPIN_NANOS;
        long x = 0;
        while (System.nanoTime() < end) {
            x = x * 31 + 17;
        }
        spinSink = x;
    }
}
