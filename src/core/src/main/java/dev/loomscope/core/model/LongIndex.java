package dev.loomscope.core.model;

/**
 * A map from long keys (Java thread ids, the agent's ids of queues and futures) to int indexes,
 * in primitive arrays: looking up an id costs no object, as ingest of one event must not.
 *
 * <p>The ids it holds are mostly dense: the JVM numbers its threads, and the agent its queues and
 * futures, from one upwards. Such keys go into pages of {@value #PAGE} values indexed by the key
 * itself, so that the threads alive at one moment (close ids) share a few cache lines: a hash
 * scatters them over a table that, at a million threads, is 32 MB and misses the cache and the
 * TLB on every event. Keys a page would waste memory on (large ones such as addresses, or ids
 * too far apart) go into an open-addressing hash beside the pages. A key is in one of the two.
 */
final class LongIndex {
    private static final int MISSING = -1;
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Keys from this one up are never paged: the directory stays at most 4 MB. */
    private static final long PAGED_LIMIT = 1L << 30;
    /** Pages must hold one key in this many slots on average, or new keys go to the hash. */
    private static final int SPARSEST = 8;

    /** Page {@code key >>> PAGE_BITS}: the value plus one at {@code key & (PAGE - 1)} (0: absent). */
    private int[][] pages = new int[4][];
    private int pageCount;
    private int pagedKeys;

    /** Hash slot {@code i}: the key at {@code 2i}, the value plus one at {@code 2i + 1} (0: empty). */
    private long[] slots = new long[32];
    private int hashed;

    /** The index of {@code key}, or -1. */
    int get(long key) {
        if (key >= 0 && key < PAGED_LIMIT) {
            int page = (int) (key >>> PAGE_BITS);
            if (page < pages.length && pages[page] != null) {
                int value = pages[page][(int) key & (PAGE - 1)];
                if (value != 0) {
                    return value - 1;
                }
            }
        }
        return hashed == 0 ? MISSING : hashGet(key);
    }

    /** Maps {@code key} to {@code value}, a non-negative index (a new key; callers look it up first). */
    void put(long key, int value) {
        int[] page = key >= 0 && key < PAGED_LIMIT ? pageFor((int) (key >>> PAGE_BITS)) : null;
        if (page == null) {
            hashPut(key, value);
            return;
        }
        int offset = (int) key & (PAGE - 1);
        if (page[offset] == 0) {
            pagedKeys++;
        }
        page[offset] = value + 1;
    }

    /** The page for keys {@code index << PAGE_BITS} on, made if the pages stay dense enough; or null. */
    private int[] pageFor(int index) {
        if (index < pages.length && pages[index] != null) {
            return pages[index];
        }
        if ((long) (pageCount + 1) * PAGE > (long) SPARSEST * (pagedKeys + PAGE)) {
            return null;
        }
        if (index >= pages.length) {
            pages = java.util.Arrays.copyOf(pages, Integer.highestOneBit(index) * 2);
        }
        pageCount++;
        return pages[index] = new int[PAGE];
    }

    private int hashGet(long key) {
        int mask = capacity() - 1;
        for (int i = hash(key) & mask; slots[2 * i + 1] != 0; i = (i + 1) & mask) {
            if (slots[2 * i] == key) {
                return (int) (slots[2 * i + 1] - 1);
            }
        }
        return MISSING;
    }

    private void hashPut(long key, int value) {
        if (2 * (hashed + 1) > capacity()) {
            grow();
        }
        int mask = capacity() - 1;
        int i = hash(key) & mask;
        while (slots[2 * i + 1] != 0 && slots[2 * i] != key) {
            i = (i + 1) & mask;
        }
        if (slots[2 * i + 1] == 0) {
            hashed++;
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
        hashed = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                hashPut(old[i], (int) (old[i + 1] - 1));
            }
        }
    }

    private static int hash(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
