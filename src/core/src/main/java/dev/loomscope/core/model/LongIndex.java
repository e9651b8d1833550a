package dev.loomscope.core.model;

/**
 * A map from long keys (the agent's ids of queues and futures) to int indexes, by open addressing
 * in two primitive arrays: looking up an id costs no object, as ingest of one event must not.
 */
final class LongIndex {
    private static final int MISSING = -1;

    private long[] keys = new long[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** The index of {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return MISSING;
    }

    /** Maps {@code key} to {@code value} (a new key; callers look it up first). */
    void put(long key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (!used[i]) {
            size++;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
