package dev.loomscope.samples.corpus;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * A monitor deadlock between two virtual threads maintaining a two-level cache.
 *
 * <p>Ground truth: virtual thread {@code cache-refresher} synchronizes on {@code entries} then
 * {@code stats} ({@link #refresh}); virtual thread {@code cache-evictor} synchronizes on
 * {@code stats} then {@code entries} ({@link #evict}). Each pauses {@value #LOAD_MILLIS} ms while
 * holding its first monitor, so both hold one and block entering the other (BLOCKED on a monitor;
 * on JDK 24+ they unmount, so no carrier is pinned) from about 0.1 s until the end (each also
 * waits for the other to hold its first, so the cycle does not
 * depend on the pause). Nothing breaks
 * the cycle: main waits until both are blocked, then {@value #STUCK_MILLIS} ms ({@link Stuck}),
 * prints that the cache is stuck and calls
 * {@code System.exit(0)} while both are still blocked.
 */
public final class VirtualMonitorDeadlock {
    static final long LOAD_MILLIS = 100;
    static final long STUCK_MILLIS = 3_000;

    private final Map<String, String> entries = new HashMap<>();
    private final Map<String, Integer> stats = new HashMap<>();
    /** Each thread waits here, holding its first monitor, until the other holds its own. */
    private final Phaser firstHeld = new Phaser(2);

    public static void main(String[] args) throws InterruptedException {
        VirtualMonitorDeadlock cache = new VirtualMonitorDeadlock();
        Thread refresher = Thread.ofVirtual().name("cache-refresher").start(() -> cache.refresh("user:42"));
        Thread evictor = Thread.ofVirtual().name("cache-evictor").start(() -> cache.evict("user:42"));
        Stuck.hold(() -> refresher.getState() == Thread.State.BLOCKED
                && evictor.getState() == Thread.State.BLOCKED, STUCK_MILLIS);
        System.out.println("cache stuck: " + refresher.getState() + ", " + evictor.getState());
        System.exit(0);
    }

    /** Reloads an entry, then counts the reload. */
    void refresh(String key) {
        synchronized (entries) {
            entries.put(key, load(key));
            firstHeld.arriveAndAwaitAdvance(); // the cycle is certain, however late a thread starts
            synchronized (stats) { // cache-evictor holds it and wants the entries
                stats.merge("reloads", 1, Integer::sum);
            }
        }
    }

    /** Counts the eviction, then drops the entry (the bug: stats before entries). */
    void evict(String key) {
        synchronized (stats) {
            stats.merge("evictions", 1, Integer::sum);
            pause();
            firstHeld.arriveAndAwaitAdvance(); // the cycle is certain, however late a thread starts
            synchronized (entries) { // cache-refresher holds it and wants the stats
                entries.remove(key);
            }
        }
    }

    private static String load(String key) {
        pause(); // stands in for the backing store
        return key + "@" + System.nanoTime();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(LOAD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
