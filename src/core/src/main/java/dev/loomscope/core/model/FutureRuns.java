package dev.loomscope.core.model;

import java.util.Arrays;

/** The continuations of a {@link FutureGraph}: which thread ran a future's function, and when. Columns. */
final class FutureRuns {
    private long[] start = new long[64];
    private long[] end = new long[64];
    private int[] future = new int[64];
    private int[] lane = new int[64];
    private int count;

    int count() {
        return count;
    }

    long start(int r) {
        return start[r];
    }

    long end(int r) {
        return end[r];
    }

    int future(int r) {
        return future[r];
    }

    int lane(int r) {
        return lane[r];
    }

    void add(int f, int runLane, long from, long to) {
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
            future = Arrays.copyOf(future, count * 2);
            lane = Arrays.copyOf(lane, count * 2);
        }
        start[count] = from;
        end[count] = to;
        future[count] = f;
        lane[count] = runLane;
        count++;
    }

    /** Keeps the runs of the futures kept, moved to their new indexes ({@code index[f]}, -1: dropped). */
    void keep(int[] index) {
        int kept = 0;
        for (int r = 0; r < count; r++) {
            if (index[future[r]] >= 0) {
                start[kept] = start[r];
                end[kept] = end[r];
                future[kept] = index[future[r]];
                lane[kept++] = lane[r];
            }
        }
        count = kept;
    }
}
