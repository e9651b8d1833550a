package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small fixed table of threads, each with a value: the per-thread state of the hooks without a
 * ThreadLocal (which would allocate a map in every virtual thread that ever parks, millions in
 * some hosts). A thread's slot is found by probing a few slots from a hash of its id. When those
 * are all taken, {@link #claim} fails and the caller goes without (it never waits, never
 * allocates). A thread always sees its own writes, so its lookups use plain reads.
 *
 * @param <V> what a thread keeps in its slot (null when only its presence matters)
 */
final class ThreadSlots<V> {
    private final AtomicReferenceArray<Thread> owners;
    private final AtomicReferenceArray<V> values;
    private final int mask;
    private final int shift;
    private final int probes;

    /** @param slots a power of two; {@code probes} how many slots a thread may use, from its hash */
    ThreadSlots(int slots, int probes) {
        this.owners = new AtomicReferenceArray<>(slots);
        this.values = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
        this.probes = probes;
    }

    /** The first slot {@code t} probes. */
    int start(Thread t) {
        return (int) ((t.threadId() * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The slot {@code t} holds, or -1. */
    int find(Thread t) {
        int start = start(t);
        for (int i = 0; i < probes; i++) {
            int slot = (start + i) & mask;
            if (owners.getPlain(slot) == t) {
                return slot;
            }
        }
        return -1;
    }

    /** Takes a free slot for {@code t} with {@code value}; returns it, or -1 when none is free. */
    int claim(Thread t, V value) {
        int start = start(t);
        for (int i = 0; i < probes; i++) {
            int slot = (start + i) & mask;
            if (owners.getPlain(slot) == null && owners.compareAndSet(slot, null, t)) {
                values.setRelease(slot, value);
                return slot;
            }
        }
        return -1;
    }

    /**
     * Gives {@code t} the value {@code value}, in one pass over its probes: over the slot it holds
     * when that comes first, else in the first free slot. A thread may so hold two slots (a call
     * inside a call, its first slot behind a slot freed since), the newer always first among its
     * probes: {@link #find} sees it, and releasing it uncovers the older one. Most calls stop at
     * the first probe, where {@code find} then {@code claim} would look at every probe of a
     * thread that holds none. Returns false when the probes are all taken (the caller goes without).
     */
    boolean put(Thread t, V value) {
        int start = start(t);
        for (int i = 0; i < probes; i++) {
            int slot = (start + i) & mask;
            Thread owner = owners.getPlain(slot);
            if (owner == t) {
                values.setRelease(slot, value);
                return true;
            }
            if (owner == null && owners.compareAndSet(slot, null, t)) {
                values.setRelease(slot, value);
                return true;
            }
        }
        return false;
    }

    /** Empties {@code slot}'s value and keeps it taken: its owner's release then finds it at once. */
    void clearValue(int slot) {
        values.setRelease(slot, null);
    }

    void release(int slot) {
        values.setPlain(slot, null);
        owners.setRelease(slot, null);
    }

    /** Releases the slot {@code t} holds, if any; returns its value (null if none). */
    V releaseOwn(Thread t) {
        int slot = find(t);
        if (slot < 0) {
            return null;
        }
        V value = values.getPlain(slot);
        release(slot);
        return value;
    }

    int capacity() {
        return mask + 1;
    }

    /** The owner of {@code slot} as another thread sees it now, or null. */
    Thread owner(int slot) {
        return owners.getAcquire(slot);
    }

    /** The value of {@code slot} as another thread sees it now; check it belongs to {@link #owner}. */
    V value(int slot) {
        return values.getAcquire(slot);
    }
}
