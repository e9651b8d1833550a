package dev.loomscope.core.jfr;

import dev.loomscope.core.model.TimelineWriter;

import java.util.Arrays;

/**
 * Carrier busy intervals from {@code VirtualThread.runContinuation} method traces (tier 0), held
 * back until it is clear whether the agent reports every virtual thread: its intervals name the
 * virtual thread and then replace these; when it samples threads, both are kept (the named ones
 * win where they overlap) and JFR may deliver either first.
 */
final class CarrierTraces {
    private int[] carrier = new int[256];
    private long[] start = new long[256];
    private long[] end = new long[256];
    private int size;

    void add(int carrierLane, long from, long to) {
        if (size == carrier.length) {
            carrier = Arrays.copyOf(carrier, size * 2);
            start = Arrays.copyOf(start, size * 2);
            end = Arrays.copyOf(end, size * 2);
        }
        carrier[size] = carrierLane;
        start[size] = from;
        end[size] = to;
        size++;
    }

    /** Writes (or, with a null writer, drops) the intervals that end before {@code until}. */
    void writeBefore(long until, TimelineWriter writer) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (end[i] < until) {
                if (writer != null) {
                    writer.carrierBusy(carrier[i], start[i], end[i], -1);
                }
            } else {
                carrier[kept] = carrier[i];
                start[kept] = start[i];
                end[kept] = end[i];
                kept++;
            }
        }
        size = kept;
    }
}
