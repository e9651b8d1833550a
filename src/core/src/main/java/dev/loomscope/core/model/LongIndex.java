package dev.loomscope.core.model;

/**
 * A map from long keys (Java thread ids, the agent's ids of queues and futures) to int indexes, by
 * open addressing in one primitive array: looking up an id costs no object, as ingest of one event
 * must not. A slot's key and value sit side by side, so a lookup in a table of a million threads
 * misses the cache once, not once per array (a third of a fan-out's load was these lookups).
 */
final class LongIndex {
    private static final int MISSING = -1;

    /** Slot {@code i}: the key at {@code 2i}, the value plus one at {@code 2i + 1} (0: empty). */
    private long[] slots = new long[32];
    private int size;

    /** The index of {@code key}, or -1. */
    int get(long key) {
        int mask = capacity() - 1;
        for (int i = hash(key) & mask; slots[2 * i + 1] != 0; i = (i + 1) & mask) {
            if (slots[2 * i] == key) {
                return (int) (slots[2 * i + 1] - 1);
            }
        }
        return MISSING;
    }

    /** Maps {@code key} to {@code value}, a non-negative index (a new key; callers look it up first). */
    void put(long key, int value) {
        if (2 * (size + 1) > capacity()) {
            grow();
        }
        int mask = capacity() - 1;
        int i = hash(key) & mask;
        while (slots[2 * i + 1] != 0 && slots[2 * i] != key) {
            i = (i + 1) & mask;
        }
        if (slots[2 * i + 1] == 0) {
            size++;
        }
        slots[2 * i] = key;
        slots[2 * i + 1] = value + 1L;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                put(old[i], (int) (old[i + 1] - 1));
            }
        }
    }

    private static int hash(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
