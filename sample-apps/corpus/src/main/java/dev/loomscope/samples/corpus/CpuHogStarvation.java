package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPU-bound work on virtual threads: two number crunchers take both carriers of a two-carrier
 * scheduler and keep them, because a virtual thread that never blocks is never unmounted. The
 * heartbeats, which only want to run for a few microseconds every 10 ms, wait for a carrier.
 *
 * <p>Main sets {@code jdk.virtualThreadScheduler.parallelism=2} before the first virtual thread
 * exists, unless it is already set. Ground truth:
 * <ol>
 * <li>4 virtual threads {@code heartbeat-N} loop on {@code Thread.sleep(10)} for the whole run
 *     (about 3.2 s);</li>
 * <li>after 0.5 s of calm, 4 virtual threads {@code crunch-N} spin on the CPU for
 *     {@value #CRUNCH_MILLIS} ms each without blocking, started 2 at a time: {@code crunch-1} and
 *     {@code crunch-2} (0.5 s to 1.7 s), then {@code crunch-3} and {@code crunch-4} (1.7 s to
 *     2.9 s); then 0.3 s of calm again.</li>
 * </ol>
 * During each wave the heartbeats' 10 ms sleeps end up to ~1.2 s late (they cannot get a carrier
 * until a wave ends). It prints each heartbeat's worst lateness.
 */
public final class CpuHogStarvation {
    static final int HEARTBEATS = 4;
    static final long CRUNCH_MILLIS = 1_200;

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        long[] worstLateNanos = new long[HEARTBEATS];
        List<Thread> heartbeats = new ArrayList<>();
        for (int i = 0; i < HEARTBEATS; i++) {
            int id = i;
            heartbeats.add(Thread.ofVirtual().name("heartbeat-" + (i + 1))
                    .start(() -> worstLateNanos[id] = heartbeat(running)));
        }
        TimeUnit.MILLISECONDS.sleep(500);
        long checksum = wave(1) + wave(3); // two at a time: as many as there are carriers
        TimeUnit.MILLISECONDS.sleep(300);
        running.set(false);
        for (Thread t : heartbeats) {
            t.join();
        }
        for (int i = 0; i < HEARTBEATS; i++) {
            System.out.printf("heartbeat-%d worst lateness %d ms%n", i + 1, worstLateNanos[i] / 1_000_000);
        }
        System.out.println("checksum " + checksum);
    }

    /** Starts {@code crunch-first} and {@code crunch-(first+1)} and waits for both. */
    private static long wave(int first) throws InterruptedException {
        long[] results = new long[2];
        Thread a = Thread.ofVirtual().name("crunch-" + first).start(() -> results[0] = crunch(first));
        Thread b = Thread.ofVirtual().name("crunch-" + (first + 1)).start(() -> results[1] = crunch(first + 1));
        a.join();
        b.join();
        return results[0] ^ results[1];
    }

    /** Sends a heartbeat every 10 ms; returns the worst time a wake-up came late. */
    private static long heartbeat(AtomicBoolean running) {
        long worst = 0;
        try {
            while (running.get()) {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
                Thread.sleep(10);
                worst = Math.max(worst, System.nanoTime() - due);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return worst;
    }

    /** Hashes numbers for {@value #CRUNCH_MILLIS} ms: pure CPU, no blocking call, no yield. */
    private static long crunch(long seed) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CRUNCH_MILLIS);
        long h = seed;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L + i;
            }
        }
        return h;
    }
}
