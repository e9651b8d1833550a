package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The answer of a {@link ViewportQuery} for one lane: disjoint spans in time order, at most one
 * merged span per pixel. A merged span covers exactly one pixel and reports its dominant state (the
 * one covering most of that pixel) and the mix of all states in it. Reused between queries: a view
 * keeps one and refills it each frame, so drawing allocates nothing.
 */
public final class LodSpans {
    private long[] start = new long[64];
    private long[] end = new long[64];
    private byte[] bits = new byte[64];
    private int[] mix = new int[64];
    private int[] span = new int[64];
    private int[] merged = new int[64];
    private int size;

    public int size() {
        return size;
    }

    public long start(int i) {
        return start[i];
    }

    public long end(int i) {
        return end[i];
    }

    /** The state drawn for this span: its own, or the dominant one of a merged pixel. */
    public ThreadState state(int i) {
        return ThreadState.ofCode(bits[i] & 0x7f);
    }

    /** True if the (dominant) state was inferred rather than recorded. */
    public boolean inferred(int i) {
        return (bits[i] & SpanColumns.INFERRED) != 0;
    }

    /** Bit {@code s.code()} is set for every state {@code s} present. */
    public int stateMix(int i) {
        return mix[i];
    }

    /**
     * The lane span index this stands for: the span itself, or for a merged pixel the span that
     * covers most of it; -1 where that is a gap (time covered by no span).
     */
    public int spanIndex(int i) {
        return span[i];
    }

    /** How many spans and gaps were merged into this one (1 if not merged). */
    public int mergedCount(int i) {
        return merged[i];
    }

    /** The output index covering instant {@code t}, or -1. */
    public int indexAt(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < size && start[lo] <= t ? lo : -1;
    }

    void clear() {
        size = 0;
    }

    void add(long from, long to, int stateBits, int stateMix, int spanIndex, int count) {
        int last = size - 1;
        if (last >= 0 && end[last] == from && bits[last] == (byte) stateBits && span[last] == spanIndex
                && mix[last] == stateMix && count == 1 && merged[last] == 1) {
            end[last] = to;
            return;
        }
        if (size == start.length) {
            int capacity = size * 2;
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
            bits = Arrays.copyOf(bits, capacity);
            mix = Arrays.copyOf(mix, capacity);
            span = Arrays.copyOf(span, capacity);
            merged = Arrays.copyOf(merged, capacity);
        }
        start[size] = from;
        end[size] = to;
        bits[size] = (byte) stateBits;
        mix[size] = stateMix;
        span[size] = spanIndex;
        merged[size] = count;
        size++;
    }
}
