package dev.loomscope.core.model;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The lanes of one group kept by {@link LaneGroups}, as {@code int}s in their group's order: kept as
 * boxed ids and sorted with a comparator, a million-thread group took about a tenth of its load.
 * The order is the name's only number, then the start of life, then the lane id; a group whose
 * numbers are all known and distinct (almost every group) is sorted by them alone, as longs.
 */
final class GroupMembers {
    private static final int ID_BITS = 31;

    private int[] ids = new int[4];
    private int size;
    /** How many of the first ids are in order; those after were added since. */
    private int sorted;
    /** The group last handed out for these lanes; null once they changed. */
    LaneGroup built;

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    /** Removes a renamed lane (rare): the group is ordered again whole. */
    void remove(int id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                System.arraycopy(ids, i + 1, ids, i, size - i - 1);
                size--;
                sorted = 0;
                return;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The lanes in order ({@link #sort} first). */
    LaneIds lanes() {
        return LaneIds.of(Arrays.copyOf(ids, size));
    }

    /**
     * Puts the lanes in order: those added since sorted, merged with the rest only if they must be.
     * {@code number}: each lane's only number, -1 when its name has none; {@code order} the whole order.
     */
    void sort(long[] number, Comparator<Integer> order) {
        sortRange(sorted, size, number, order);
        if (sorted > 0 && sorted < size && order.compare(ids[sorted - 1], ids[sorted]) > 0) {
            sortRange(0, size, number, order);   // two sorted runs that interleave
        }
        sorted = size;
    }

    private void sortRange(int from, int to, long[] number, Comparator<Integer> order) {
        long[] keys = new long[to - from];
        for (int i = 0; i < keys.length; i++) {
            int id = ids[from + i];
            long n = number[id];
            if (n < 0 || n >= 1L << (63 - ID_BITS)) {
                sortBoxed(from, to, order);
                return;
            }
            keys[i] = n << ID_BITS | id;
        }
        Arrays.sort(keys);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] >>> ID_BITS == keys[i - 1] >>> ID_BITS) {
                sortBoxed(from, to, order);      // a number twice: the start of life decides
                return;
            }
        }
        for (int i = 0; i < keys.length; i++) {
            ids[from + i] = (int) (keys[i] & ((1L << ID_BITS) - 1));
        }
    }

    private void sortBoxed(int from, int to, Comparator<Integer> order) {
        Integer[] boxed = new Integer[to - from];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = ids[from + i];
        }
        Arrays.sort(boxed, order);
        for (int i = 0; i < boxed.length; i++) {
            ids[from + i] = boxed[i];
        }
    }
}
