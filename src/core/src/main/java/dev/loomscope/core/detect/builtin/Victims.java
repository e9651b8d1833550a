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
        long[] starts = new long[16];
        long[] ends = new long[16];
        int count = 0;
        long[] edges = new long[64];
        int edgeCount = 0;
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
                if (edgeCount + 2 > edges.length) {
                    edges = Arrays.copyOf(edges, edges.length * 2);
                }
                edges[edgeCount++] = s << 1 | 1;
                edges[edgeCount++] = e << 1;
                if (e - s < minWait) {
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
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = s;
                ends[count] = e;
                count++;
            }
        }
        long[][] union = union(starts, ends, count);
        return new Victims(longestFirst(Arrays.copyOf(lanes, victims), waited), total,
                longest, longestLane, mostOpen(edges, edgeCount), union[0], union[1]);
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

    /** The most intervals open at once, from edges encoded as {@code t << 1 | 1} (start) and {@code t << 1} (end). */
    private static int mostOpen(long[] edges, int count) {
        Arrays.sort(edges, 0, count);
        int open = 0;
        int most = 0;
        for (int i = 0; i < count; i++) {
            open += (edges[i] & 1) == 1 ? 1 : -1;
            most = Math.max(most, open);
        }
        return most;
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
