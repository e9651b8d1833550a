package dev.loomscope.samples.corpus;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A write lock that is never released: a schema migration returns early when there is nothing to
 * migrate, past the {@code unlock()}, and its thread ends still owning the lock.
 *
 * <p>Ground truth: platform thread {@code migrator} takes the write lock of a
 * {@code ReentrantReadWriteLock} in {@link SchemaRegistry#migrate}, returns on the "already
 * current" path without unlocking (the bug), and ends. Then {@value #READERS} virtual threads
 * {@code reader-1} to {@code reader-8} block forever in {@code readLock().lock()} in
 * {@link SchemaRegistry#lookup}, from about 0 s until the end. Main waits until they are all
 * stuck, then {@value #STUCK_MILLIS} ms ({@link Stuck}),
 * and calls {@code System.exit(0)} while all 8 are still blocked.
 */
public final class ReadWriteLockLost {
    static final int READERS = 8;
    static final long STUCK_MILLIS = 3_000;

    static final class SchemaRegistry {
        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private final Map<String, Integer> versions = new HashMap<>(Map.of("orders", 7, "customers", 3));

        void migrate(String table, int target) {
            lock.writeLock().lock();
            if (versions.get(table) >= target) {
                System.out.println(table + " already at version " + versions.get(table));
                return; // the bug: returns holding the write lock
            }
            versions.put(table, target);
            lock.writeLock().unlock();
        }

        int lookup(String table) {
            lock.readLock().lock(); // blocks forever: the write lock's owner is gone
            try {
                return versions.getOrDefault(table, 0);
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        SchemaRegistry registry = new SchemaRegistry();
        Thread migrator = Thread.ofPlatform().name("migrator").start(() -> registry.migrate("orders", 7));
        migrator.join();
        System.out.println("migration done, serving lookups");
        for (int i = 1; i <= READERS; i++) {
            String table = i % 2 == 0 ? "orders" : "customers";
            Thread.ofVirtual().name("reader-" + i).start(
                    () -> System.out.println(table + " v" + registry.lookup(table)));
        }
        Stuck.hold(() -> ((ReentrantReadWriteLock) registry.lock).getQueueLength() == READERS, STUCK_MILLIS);
        System.out.println("lookups still waiting for the schema lock after " + STUCK_MILLIS + " ms");
        System.exit(0);
    }
}
