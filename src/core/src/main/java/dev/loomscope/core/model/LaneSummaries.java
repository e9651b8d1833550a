package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * Coarser copies of one lane for zoomed-out views: the level-of-detail pyramid behind
 * {@link ViewportQuery}.
 *
 * <p>Level 1 cuts the lane's lifetime, spans and gaps alike, into consecutive runs of at least
 * {@code width(1)} nanoseconds; level {@code k + 1} groups level {@code k}'s runs into runs at
 * least twice as wide. A run keeps only what a pixel needs: its start (runs tile the lifetime,
 * so a run ends where the next begins), the state that covers most of it (with that span's inferred
 * bit) and the set of all states in it. Level 1 weighs states exactly; higher levels weigh each
 * child run as its dominant state, an approximation that only decides a colour. A view whose pixel
 * is at most as wide as a level's runs reads that level: at most one run per pixel, whatever the
 * number of spans. With level 1 at twice the average span extent, all levels together hold at most
 * as many runs as the lane has spans (7 bytes each; 11 on a carrier's lane, whose runs also keep
 * their widest span so that a carrier's pixel names the thread that ran most of it), and usually
 * far fewer.
 *
 * <p>A run's start is an int: its offset from the lane's start in nanoseconds, or, on a lane that
 * lived longer than an int of nanoseconds (2.1 s), in units of its life over 2^31 (a level's
 * {@code unit}), rounded down. A level is read only where its runs are at least a pixel wide, and
 * a level-1 run is at least twice the lane's average span ({@code 2 life / spans}): the rounding
 * moves a drawn boundary by less than {@code spans / 2^31} of a pixel, never visibly.
 */
final class LaneSummaries {
    /** A level is kept only while it has more runs than this; coarser ones would not pay. */
    private static final int MIN_RUNS = 16;
    private static final int GROWTH = 2;

    private final long baseWidth;
    private final long lifeEnd;
    /** The version of the lane's columns summarized. */
    private final int version;
    private final Level[] levels;

    private LaneSummaries(long baseWidth, long lifeEnd, int version, Level[] levels) {
        this.baseWidth = baseWidth;
        this.lifeEnd = lifeEnd;
        this.version = version;
        this.levels = levels;
    }

    /** Whether these still summarize the lane: its columns at {@code version}, its life to {@code lifeEnd}. */
    boolean current(int version, long lifeEnd) {
        return this.version == version && this.lifeEnd == lifeEnd;
    }

    /** One level: run {@code i} covers {@code [start(i), start(i + 1))}, the last one up to the lane's end. */
    static final class Level {
        /** Where the runs' offsets count from (the lane's start), and in units of how many nanoseconds. */
        private final long origin;
        private final long unit;
        /** Each run's start, as an offset (see the class comment). */
        private final int[] offset;
        final byte[] bits;
        final short[] mix;
        /**
         * The lane span covering most of each run (of a higher level: of its widest child run), or
         * -1; null for a thread's lane, whose pixels name no span (see {@link #widest(int)}).
         */
        private final int[] widest;

        Level(long origin, long unit, int[] offset, byte[] bits, short[] mix, int[] widest) {
            this.origin = origin;
            this.unit = unit;
            this.offset = offset;
            this.bits = bits;
            this.mix = mix;
            this.widest = widest;
        }

        int size() {
            return offset.length;
        }

        long start(int r) {
            return origin + offset[r] * unit;
        }

        /** The first run that starts after {@code t}, or {@link #size()} if none does. */
        int firstStartAfter(long t) {
            int lo = 0;
            int hi = offset.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (start(mid) > t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /** The lane span covering most of run {@code r}, or -1 (always on a thread's lane). */
        int widest(int r) {
            return widest == null ? -1 : widest[r];
        }
    }

    /** The minimum run width of level {@code k} (k from 1). */
    long width(int k) {
        long w = baseWidth;
        for (int i = 1; i < k; i++) {
            w *= GROWTH;
        }
        return w;
    }

    int levelCount() {
        return levels.length;
    }

    /** Level {@code k}, 1-based. */
    Level level(int k) {
        return levels[k - 1];
    }

    long lifeEnd() {
        return lifeEnd;
    }

    /**
     * The finest level whose runs are at least a pixel wide at {@code pixelWidth} nanoseconds per
     * pixel (the coarsest level if none is), or 0 when spans are on average two pixels wide or more
     * and are drawn themselves.
     */
    int levelFor(double pixelWidth) {
        if (pixelWidth < baseWidth / 4.0) {
            return 0; // spans average two pixels or more: draw them
        }
        for (int k = 1; k <= levels.length; k++) {
            if (width(k) >= pixelWidth) {
                return k;
            }
        }
        return levels.length;
    }

    long retainedBytes() {
        long bytes = 0;
        for (Level level : levels) {
            bytes += 64 + level.size() * (level.widest == null ? 7L : 11L);
        }
        return bytes;
    }

    /**
     * Builds the pyramid of {@code lane}, whose columns are at {@code version}, or returns null when
     * the lane is too small to need one.
     */
    static LaneSummaries build(Lane lane, int version) {
        int count = lane.spanCount();
        long life = lane.lifeEnd() - lane.lifeStart();
        if (count < MIN_RUNS * GROWTH || life <= 0) {
            return null;
        }
        long base = Math.max(1, 2 * life / count);
        long unit = life <= Integer.MAX_VALUE ? 1 : life / Integer.MAX_VALUE + 1;
        Level first = fromSpans(lane, base, unit);
        java.util.List<Level> levels = new java.util.ArrayList<>();
        levels.add(first);
        long width = base;
        Level current = first;
        while (current.size() > MIN_RUNS * GROWTH) {
            width *= GROWTH;
            current = fromLevel(current, lane.lifeEnd(), width, unit);
            levels.add(current);
        }
        return new LaneSummaries(base, lane.lifeEnd(), version, levels.toArray(new Level[0]));
    }

    private static Level fromSpans(Lane lane, long width, long unit) {
        ThreadState gap = lane.gapState();
        int gapBits = gap == null ? -1 : gap.code() | SpanColumns.INFERRED;
        int count = lane.spanCount();
        // A lane with idle gaps is a carrier's.
        Builder out = new Builder(count / GROWTH + 2, lane.lifeStart(), unit, gap == null);
        long cursor = lane.lifeStart();
        long end = lane.lifeEnd();
        long tail = lane.tailStart();
        int i = lane.firstSpanEndingAfter(cursor);
        while (cursor < end) {
            long segmentEnd;
            int bits;
            int span = -1;
            if (i < count && lane.spanStart(i) <= cursor) {
                segmentEnd = Math.min(lane.spanEnd(i), end);
                bits = lane.spanStateBits(i);
                span = i;
                i++;
            } else {
                segmentEnd = i < count ? Math.min(lane.spanStart(i), end) : end;
                bits = gapBits;
                if (gapBits >= 0 && cursor >= tail) {
                    bits = ThreadState.UNKNOWN.code();
                } else if (gapBits >= 0 && segmentEnd > tail) {
                    segmentEnd = tail; // the gap part before the unknown tail; the rest on the next turn
                }
            }
            out.add(cursor, segmentEnd, bits, bits < 0 ? 0 : 1 << (bits & 0x7f), span, width);
            cursor = segmentEnd;
        }
        return out.finish();
    }

    private static Level fromLevel(Level source, long lifeEnd, long width, long unit) {
        Builder out = new Builder(source.size() / GROWTH + 2, source.origin, unit, source.widest != null);
        for (int r = 0; r < source.size(); r++) {
            long end = r + 1 < source.size() ? source.start(r + 1) : lifeEnd;
            int bits = source.bits[r] == -1 ? -1 : source.bits[r] & 0xff;
            out.add(source.start(r), end, bits, source.mix[r] & 0xffff, source.widest(r), width);
        }
        return out.finish();
    }

    /** Accumulates segments into runs of at least a given width. */
    private static final class Builder {
        private final long[] weight = new long[ThreadState.count()];
        private final int[] inferred = new int[ThreadState.count()];
        private final long origin;
        private final long unit;
        private int[] offset;
        private byte[] bits;
        private short[] mix;
        /** Null unless the runs keep their widest span (a carrier's). */
        private int[] widest;
        private int size;
        private long runStart = Long.MIN_VALUE;
        private int runMix;
        private int runWidest = -1;
        private long runWidestLength;

        Builder(int capacity, long origin, long unit, boolean keepWidest) {
            this.origin = origin;
            this.unit = unit;
            offset = new int[capacity];
            bits = new byte[capacity];
            mix = new short[capacity];
            widest = keepWidest ? new int[capacity] : null;
        }

        /**
         * Adds segment {@code [from, to)} in state {@code segmentBits} (-1: idle, no state) with
         * states {@code segmentMix}; {@code span} is the lane span it is or stands for, or -1.
         */
        void add(long from, long to, int segmentBits, int segmentMix, int span, long width) {
            if (runStart == Long.MIN_VALUE) {
                runStart = from;
            }
            if (span >= 0 && to - from > runWidestLength) {
                runWidest = span;
                runWidestLength = to - from;
            }
            if (segmentBits >= 0) {
                int state = segmentBits & 0x7f;
                weight[state] += to - from;
                inferred[state] = segmentBits & SpanColumns.INFERRED;
            }
            runMix |= segmentMix;
            if (to - runStart >= width) {
                close();
            }
        }

        private void close() {
            int dominant = -1;
            for (int m = runMix; m != 0; m &= m - 1) { // only the states present, then clear them
                int state = Integer.numberOfTrailingZeros(m);
                if (weight[state] > 0 && (dominant < 0 || weight[state] > weight[dominant])) {
                    dominant = state;
                }
            }
            if (size == offset.length) {
                int capacity = size * 2 + 2;
                offset = Arrays.copyOf(offset, capacity);
                bits = Arrays.copyOf(bits, capacity);
                mix = Arrays.copyOf(mix, capacity);
                widest = widest == null ? null : Arrays.copyOf(widest, capacity);
            }
            // A carrier lane's gaps are idle time, no state: a run with any busy time in it is drawn
            // busy, as ViewportQuery draws a pixel holding any busy sliver when it reads the spans
            // themselves. (Dropping runs that were mostly idle blanked every carrier busy less than
            // half the time at any zoom that reads a summary level, while the utilization chart,
            // which reads the spans, showed the activity.) Only a run idle throughout is nothing.
            offset[size] = (int) ((runStart - origin) / unit);
            bits[size] = (byte) (dominant < 0 ? -1 : dominant | inferred[dominant]);
            mix[size] = (short) runMix;
            if (widest != null) {
                widest[size] = runWidest;
            }
            size++;
            for (int m = runMix; m != 0; m &= m - 1) {
                weight[Integer.numberOfTrailingZeros(m)] = 0;
            }
            runStart = Long.MIN_VALUE;
            runMix = 0;
            runWidest = -1;
            runWidestLength = 0;
        }

        Level finish() {
            if (runStart != Long.MIN_VALUE) {
                close();
            }
            return new Level(origin, unit, Arrays.copyOf(offset, size), Arrays.copyOf(bits, size), Arrays.copyOf(mix, size),
                    widest == null ? null : Arrays.copyOf(widest, size));
        }
    }
}
