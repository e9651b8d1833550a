package dev.loomscope.core.model;

import java.util.Arrays;

/** The {@code join}/{@code get} calls on the futures of a {@link FutureGraph}: who, when, on which. Columns. */
final class FutureWaits {
    private long[] time = new long[16];
    private int[] lane = new int[16];
    private int[] future = new int[16];
    private int count;

    int count() {
        return count;
    }

    long time(int w) {
        return time[w];
    }

    int lane(int w) {
        return lane[w];
    }

    int future(int w) {
        return future[w];
    }

    void add(int f, int waitLane, long t) {
        if (count == time.length) {
            time = Arrays.copyOf(time, count * 2);
            lane = Arrays.copyOf(lane, count * 2);
            future = Arrays.copyOf(future, count * 2);
        }
        time[count] = t;
        lane[count] = waitLane;
        future[count] = f;
        count++;
    }

    /** The future {@code waitLane} waited on in the last call within {@code [from, to]}, or -1. */
    int waitedOn(int waitLane, long from, long to) {
        int found = -1;
        for (int w = 0; w < count; w++) {
            if (lane[w] == waitLane && time[w] >= from && time[w] <= to && (found < 0 || time[w] >= time[found])) {
                found = w;
            }
        }
        return found < 0 ? -1 : future[found];
    }

    /**
     * Keeps the waits on the futures kept, moved to their new indexes ({@code index[f]}, -1: dropped).
     * @return for each wait before, its index after, or -1
     */
    int[] keep(int[] index) {
        int[] waitIndex = new int[count];
        int kept = 0;
        for (int w = 0; w < count; w++) {
            if (index[future[w]] < 0) {
                waitIndex[w] = -1;
                continue;
            }
            time[kept] = time[w];
            lane[kept] = lane[w];
            future[kept] = index[future[w]];
            waitIndex[w] = kept++;
        }
        count = kept;
        return waitIndex;
    }
}
