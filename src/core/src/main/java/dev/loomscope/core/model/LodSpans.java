package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The answer of a {@link ViewportQuery} for one lane: spans in time order, no more than the pixels.
 * A merged span stands for spans too narrow to draw apart and reports its dominant state (the one
 * covering most of it) and the mix of all states in it. Neighbours may overlap by part of a pixel;
 * {@link #indexAt} then answers the later one, which is also the one drawn on top. Reused between
 * queries: a view keeps one and refills it each frame, so drawing allocates nothing.
 */
public final class LodSpans {
    private long[] start = new long[64];
    private long[] end = new long[64];
    private byte[] bits = new byte[64];
    private int[] mix = new int[64];
    private int[] span = new int[64];
    private boolean[] merged = new boolean[64];
    private int[] widest = new int[64];
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

    /** The lane span index this is, or -1 for a gap (time no span covers) and for merged spans. */
    public int spanIndex(int i) {
        return span[i];
    }

    /** True if this stands for several spans or gaps too narrow to draw apart at this zoom. */
    public boolean isMerged(int i) {
        return merged[i];
    }

    /**
     * The lane span that covers most of this: itself when not merged, the longest of a merged
     * pixel's spans (a carrier's pixel takes the colour of the thread that ran most of it), or -1
     * for a gap and for pixels drawn from summaries.
     */
    public int widestSpan(int i) {
        return widest[i];
    }

    /** The output index covering instant {@code t} (the later of two that share it), or -1. */
    public int indexAt(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) { // the last span starting at or before t
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo - 1;
        return i >= 0 && end[i] > t ? i : -1;
    }

    void clear() {
        size = 0;
    }

    void add(long from, long to, int stateBits, int stateMix, int spanIndex, boolean isMerged) {
        add(from, to, stateBits, stateMix, spanIndex, isMerged, isMerged ? -1 : spanIndex);
    }

    void add(long from, long to, int stateBits, int stateMix, int spanIndex, boolean isMerged, int widestSpan) {
        int last = size - 1;
        if (last >= 0 && end[last] == from && bits[last] == (byte) stateBits && span[last] == spanIndex
                && mix[last] == stateMix && !isMerged && !merged[last]) {
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
            widest = Arrays.copyOf(widest, capacity);
        }
        start[size] = from;
        end[size] = to;
        bits[size] = (byte) stateBits;
        mix[size] = stateMix;
        span[size] = spanIndex;
        merged[size] = isMerged;
        widest[size] = widestSpan;
        size++;
    }
}
