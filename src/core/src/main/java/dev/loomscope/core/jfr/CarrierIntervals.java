package dev.loomscope.core.jfr;

import dev.loomscope.core.model.TimelineWriter;

import java.util.Arrays;

/**
 * Pairs the mount and release instants of each carrier into busy intervals.
 *
 * <p>The instants are collected first and paired only at the end, in time order, because JFR does
 * not deliver one thread's events in time order. Pairing rule: a release closes the open interval
 * (later releases of the same interval, {@code unmount} then {@code afterYield}, find nothing open);
 * a mount while one is open means JFR dropped that interval's releases, so it is closed at the new
 * mount and marked inferred.
 */
final class CarrierIntervals {
    /** Per carrier thread lane: instants encoded as {@code time << 1 | (mount ? 1 : 0)}. */
    private long[][] instants = new long[16][];
    private int[] counts = new int[16];
    private long lostReleases;

    void mount(int carrierLane, long t) {
        add(carrierLane, t << 1 | 1);
    }

    void release(int carrierLane, long t) {
        add(carrierLane, t << 1);
    }

    /** Intervals whose end was not recorded; valid after {@link #writeTo}. */
    long lostReleases() {
        return lostReleases;
    }

    /** Writes every carrier's intervals; an interval still open at the end closes at {@code recordingEnd}. */
    void writeTo(TimelineWriter writer, long recordingEnd) {
        for (int lane = 0; lane < instants.length; lane++) {
            if (counts[lane] > 0) {
                pair(writer, lane, recordingEnd);
            }
        }
    }

    private void pair(TimelineWriter writer, int lane, long recordingEnd) {
        long[] events = instants[lane];
        int n = counts[lane];
        Arrays.sort(events, 0, n); // by time; at equal times a release (0) before a mount (1)
        long open = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = events[i] >> 1;
            boolean mount = (events[i] & 1) == 1;
            if (mount) {
                if (open != Long.MIN_VALUE) {
                    writer.carrierBusy(lane, open, t, true, -1);
                    lostReleases++;
                }
                open = t;
            } else if (open != Long.MIN_VALUE) {
                writer.carrierBusy(lane, open, t, false, -1);
                open = Long.MIN_VALUE;
            }
        }
        if (open != Long.MIN_VALUE) {
            writer.carrierBusy(lane, open, recordingEnd, false, -1);
        }
    }

    private void add(int lane, long encoded) {
        if (lane >= instants.length) {
            int size = Math.max(lane + 1, instants.length * 2);
            instants = Arrays.copyOf(instants, size);
            counts = Arrays.copyOf(counts, size);
        }
        long[] events = instants[lane];
        if (events == null) {
            events = instants[lane] = new long[64];
        } else if (counts[lane] == events.length) {
            events = instants[lane] = Arrays.copyOf(events, events.length * 2);
        }
        events[counts[lane]++] = encoded;
    }
}
