package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The virtual threads that waited for a carrier longer than a threshold (RUNNABLE spans), how
 * long, and the stretches of time in which they waited.
 *
 * @param lanes      the victims' lane ids, longest total wait first (ties in lane order): ids, not
 *                   lanes, as a million of them are passed over several times
 * @param total      their waits added up
 * @param longest    the longest single wait
 * @param longestLane who waited it
 * @param mostAtOnce the most virtual threads runnable at one instant (waits of any length)
 * @param from       the starts of the long waits, sorted and merged with {@code to} into disjoint stretches
 * @param to         the ends of those stretches
 */
record Victims(int[] lanes, long total, long longest, Lane longestLane, int mostAtOnce, long[] from, long[] to) {

    /** How much of the time someone waited longer than the threshold: the stretches added up. */
    long lateCoverage() {
        long sum = 0;
        for (int i = 0; i < from.length; i++) {
            sum += to[i] - from[i];
        }
        return sum;
    }

    long first() {
        return from.length == 0 ? Long.MAX_VALUE : from[0];
    }

    long last() {
        return to.length == 0 ? Long.MIN_VALUE : to[to.length - 1];
    }

    static Victims of(Timeline timeline, long minWait) {
        // Indexed by lane id, not a map: a million virtual threads may each have waited.
        long[] waited = new long[timeline.laneCount()];
        int[] lanes = new int[64];
        int victims = 0;
        long total = 0;
        Edges edges = new Edges();
        long longest = 0;
        Lane longestLane = null;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) != ThreadState.RUNNABLE) {
                    continue;
                }
                long s = lane.spanStart(i);
                long e = lane.spanEnd(i);
                boolean late = e - s >= minWait;
                edges.add(s, e, late);
                if (!late) {
                    continue;
                }
                if (waited[lane.id()] == 0) {
                    if (victims == lanes.length) {
                        lanes = Arrays.copyOf(lanes, victims * 2);
                    }
                    lanes[victims++] = lane.id();
                }
                waited[lane.id()] += e - s;
                total += e - s;
                if (e - s > longest) {
                    longest = e - s;
                    longestLane = lane;
                }
            }
        }
        return edges.sweep(longestFirst(Arrays.copyOf(lanes, victims), waited), total, longest, longestLane);
    }

    /**
     * Every wait's start and end, sorted once for both measures drawn from them: the most waits
     * open at once (all of them) and the stretches covered by the long ones. An edge is
     * {@code t << 2 | start << 1 | long}: at one instant ends sort before starts, as a wait that
     * ends where another begins does not overlap it. Sorted in parallel: at a million threads this
     * sort is most of the detector, and the other detectors are done by then.
     */
    private static final class Edges {
        private long[] edges = new long[64];
        private int count;
        private int lateWaits;

        void add(long start, long end, boolean late) {
            if (count + 2 > edges.length) {
                edges = Arrays.copyOf(edges, edges.length * 2);
            }
            if (late) {
                lateWaits++;
            }
            long lateBit = late ? 1 : 0;
            edges[count++] = start << 2 | 2 | lateBit;
            edges[count++] = end << 2 | lateBit;
        }

        Victims sweep(int[] lanes, long total, long longest, Lane longestLane) {
            Arrays.parallelSort(edges, 0, count);
            int open = 0;
            int most = 0;
            int openLate = 0;
            long[] from = new long[lateWaits];
            long[] to = new long[lateWaits];
            int stretches = 0;
            for (int i = 0; i < count; i++) {
                long edge = edges[i];
                boolean start = (edge & 2) != 0;
                open += start ? 1 : -1;
                most = Math.max(most, open);
                if ((edge & 1) == 0) {
                    continue;
                }
                if (start) {
                    if (openLate++ == 0) {
                        from[stretches] = edge >> 2;
                    }
                } else if (--openLate == 0) {
                    to[stretches++] = edge >> 2;
                }
            }
            return new Victims(lanes, total, longest, longestLane, most,
                    Arrays.copyOf(from, stretches), Arrays.copyOf(to, stretches));
        }
    }

    /**
     * {@code ids} by {@code waited[id]}, longest first, ties in id order: as packed longs (the wait
     * above the id's bits, the id inverted) sorted as primitives, three times faster than a million
     * boxed ids under a comparator; boxed only when a wait would not fit beside an id (over an hour
     * of waiting in a recording of a million threads).
     */
    private static int[] longestFirst(int[] ids, long[] waited) {
        int idBits = 64 - Long.numberOfLeadingZeros(Math.max(1, waited.length));
        long mask = (1L << idBits) - 1;
        long most = 0;
        for (int id : ids) {
            most = Math.max(most, waited[id]);
        }
        if (64 - Long.numberOfLeadingZeros(most) + idBits > 63) {
            return Arrays.stream(ids).boxed().sorted(Comparator.comparingLong((Integer id) -> waited[id]).reversed()
                    .thenComparingInt(id -> id)).mapToInt(Integer::intValue).toArray();
        }
        long[] keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = waited[ids[i]] << idBits | mask - ids[i];
        }
        Arrays.sort(keys);
        int[] sorted = new int[ids.length];
        for (int i = 0; i < keys.length; i++) {
            sorted[i] = (int) (mask - (keys[keys.length - 1 - i] & mask));
        }
        return sorted;
    }

    /** Sorts the stretches and merges overlapping ones: {starts, ends}. */
    static long[][] union(long[] starts, long[] ends, int count) {
        long[] edges = new long[2 * count];
        for (int i = 0; i < count; i++) {
            edges[2 * i] = starts[i] << 1 | 1;
            edges[2 * i + 1] = ends[i] << 1;
        }
        Arrays.sort(edges);
        long[] from = new long[count];
        long[] to = new long[count];
        int n = 0;
        int open = 0;
        for (long edge : edges) {
            if ((edge & 1) == 1) {
                if (open++ == 0) {
                    from[n] = edge >> 1;
                }
            } else if (--open == 0) {
                to[n++] = edge >> 1;
            }
        }
        return new long[][] {Arrays.copyOf(from, n), Arrays.copyOf(to, n)};
    }
}
