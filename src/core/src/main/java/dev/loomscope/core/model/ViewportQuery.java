package dev.loomscope.core.model;

/**
 * The level-of-detail query every timeline view draws from: for a lane, a time range and a width
 * in pixels, the lane's spans as they can be seen at that zoom.
 *
 * <p>Spans at least a pixel wide come back as they are (clipped to the range); spans and gaps
 * narrower than a pixel come back merged, one span exactly covering their pixel, with the dominant
 * state and the mix. The answer is sorted by start and covers every instant of the range the lane
 * lived; neighbours may share a pixel at their ends, never more. So it never holds more spans than
 * pixels (plus one), and a view draws at most that many rectangles per lane, whatever the
 * recording size.
 *
 * <p>Cost follows the screen, not the recording: when spans are narrower than a pixel the query
 * reads the lane's {@link LaneSummaries} level whose runs are about a pixel wide instead of the
 * spans (merged, each with the state that covers most of it), so a frame costs about one run per
 * pixel; otherwise it binary-searches the first visible span and walks the visible ones.
 *
 * <p>Pixel {@code p} covers {@code [from + p * w, from + (p + 1) * w)} with
 * {@code w = (to - from) / pixels}. Not thread-safe: each view owns one instance.
 */
public final class ViewportQuery {
    /** The span index of a summary run: it stands for several spans, none in particular. */
    private static final int SUMMARY = -2;
    private final long[] bucketWeight = new long[ThreadState.count()];
    private long from;
    private double pixelWidth;
    private double inverseWidth;
    private int pixels;
    private LodSpans out;

    private int bucketPixel = -1;
    private int bucketMix;
    private int bucketCount;
    private int bucketBestSpan = Integer.MIN_VALUE;
    /** The lane span covering most of the bucket's widest piece (for a summary run, the one it names), or -1. */
    private int bucketBestWidest = -1;
    private int bucketBestBits;
    private long bucketBestLength;
    private long bucketTotal;
    private long lo;

    /** Fills {@code result} with lane {@code lane}'s spans over {@code [from, to)} at {@code pixels} wide. */
    public void query(Lane lane, long from, long to, int pixels, LodSpans result) {
        result.clear();
        lo = Math.max(from, lane.lifeStart());
        long hi = Math.min(to, lane.lifeEnd());
        if (lo >= hi || pixels <= 0) {
            return;
        }
        this.from = from;
        this.pixelWidth = (double) (to - from) / pixels;
        this.inverseWidth = 1 / pixelWidth;
        this.pixels = pixels;
        this.out = result;
        bucketPixel = -1;

        LaneSummaries summaries = lane.summaries();
        int level = summaries == null ? 0 : summaries.levelFor(pixelWidth);
        if (level > 0) {
            runs(summaries, level, lo, hi);
        } else {
            spans(lane, lo, hi);
        }
        flushBucket();
        this.out = null;
    }

    private void spans(Lane lane, long lo, long hi) {
        ThreadState gap = lane.gapState();
        int gapBits = gap == null ? -1 : gap.code() | SpanColumns.INFERRED;
        long tail = lane.tailStart();
        int n = lane.spanCount();
        int i = lane.firstSpanEndingAfter(lo);
        long cursor = lo;
        while (cursor < hi) {
            if (i < n && lane.spanStart(i) <= cursor) {
                long e = Math.min(lane.spanEnd(i), hi);
                int bits = lane.spanStateBits(i);
                segment(cursor, e, bits, 1 << (bits & 0x7f), i, i, false);
                cursor = e;
                i++;
            } else {
                long next = i < n ? Math.min(lane.spanStart(i), hi) : hi;
                if (gapBits >= 0) {
                    gap(cursor, next, gapBits, tail);
                }
                cursor = next;
            }
        }
    }

    /** A gap, in the gap state up to the lane's unknown tail and UNKNOWN after. */
    private void gap(long s, long e, int gapBits, long tail) {
        if (s < tail) {
            long end = Math.min(e, tail);
            segment(s, end, gapBits, 1 << (gapBits & 0x7f), -1, -1, false);
            s = end;
        }
        if (s < e) {
            segment(s, e, ThreadState.UNKNOWN.code(), 1 << ThreadState.UNKNOWN.code(), -1, -1, false);
        }
    }

    /**
     * Draws from a summary level. Runs at least a pixel wide go out as they are (a pixel where two
     * meet shows both, the later drawn last); narrower ones, met only when the view is far wider
     * than the lane, are merged per pixel like spans.
     */
    private void runs(LaneSummaries summaries, int level, long lo, long hi) {
        LaneSummaries.Level runs = summaries.level(level);
        boolean direct = summaries.width(level) >= pixelWidth;
        int n = runs.size();
        int r = Math.max(0, runs.firstStartAfter(lo) - 1);
        for (; r < n && runs.start(r) < hi; r++) {
            long s = Math.max(lo, runs.start(r));
            long e = Math.min(hi, r + 1 < n ? runs.start(r + 1) : summaries.lifeEnd());
            int bits = runs.bits[r];
            if (bits == -1 || e <= s) {
                continue;
            }
            if (direct) {
                out.add(s, e, bits & 0xff, runs.mix[r] & 0xffff, -1, true, runs.widest(r));
            } else {
                segment(s, e, bits & 0xff, runs.mix[r] & 0xffff, SUMMARY, runs.widest(r), true);
            }
        }
    }

    /**
     * Places segment {@code [s, e)}: one at least a pixel wide goes out whole (it may share its
     * first and last pixel with the merged pixels beside it); a narrower one goes into the bucket of
     * its pixel, or of the two pixels it straddles.
     */
    private void segment(long s, long e, int bits, int mix, int spanIndex, int widest, boolean summary) {
        double a = (s - from) * inverseWidth;
        double b = (e - from) * inverseWidth;
        if (b - a >= 1) {
            int first = (int) a;
            long start = s;
            if (bucketPixel == first && bucketTotal < pixelStart(first + 1) - s) {
                // Slivers before it in its first pixel, which it mostly covers: it takes the pixel.
                start = Math.max(lo, pixelStart(first));
                discardBucket();
            } else {
                flushBucket();
            }
            out.add(start, e, bits, mix, summary ? -1 : spanIndex, summary, widest);
            return;
        }
        int first = Math.min((int) a, pixels - 1);
        int whole = (int) b;
        int last = Math.min(b == whole ? whole - 1 : whole, pixels - 1); // the pixel holding e's last instant
        if (last <= first) {
            addToBucket(first, e - s, bits, mix, spanIndex, widest);
        } else {
            long boundary = pixelStart(last);
            addToBucket(first, boundary - s, bits, mix, spanIndex, widest);
            addToBucket(last, e - boundary, bits, mix, spanIndex, widest);
        }
    }

    private long pixelStart(int p) {
        return from + Math.round(p * pixelWidth);
    }

    private void addToBucket(int pixel, long length, int bits, int mix, int spanIndex, int widest) {
        if (pixel != bucketPixel) {
            flushBucket();
            bucketPixel = pixel;
        }
        bucketWeight[bits & 0x7f] += length;
        bucketTotal += length;
        bucketMix |= mix;
        bucketCount++;
        if (length > bucketBestLength || bucketBestSpan == Integer.MIN_VALUE) {
            bucketBestLength = length;
            bucketBestSpan = spanIndex;
            bucketBestWidest = widest;
            bucketBestBits = bits;
        }
    }

    private void flushBucket() {
        if (bucketPixel >= 0 && bucketCount > 0) {
            int dominant = Integer.numberOfTrailingZeros(bucketMix);
            for (int m = bucketMix; m != 0; m &= m - 1) {
                int st = Integer.numberOfTrailingZeros(m);
                if (bucketWeight[st] > bucketWeight[dominant]) {
                    dominant = st;
                }
            }
            int bits = (bucketBestBits & 0x7f) == dominant
                    ? bucketBestBits
                    : dominant | (bucketBestBits & SpanColumns.INFERRED);
            boolean merged = bucketCount > 1 || bucketBestSpan == SUMMARY;
            out.add(pixelStart(bucketPixel), pixelStart(bucketPixel + 1), bits, bucketMix,
                    merged ? -1 : bucketBestSpan, merged, bucketBestWidest);
        }
        discardBucket();
    }

    private void discardBucket() {
        for (int m = bucketMix; m != 0; m &= m - 1) { // only the states present
            bucketWeight[Integer.numberOfTrailingZeros(m)] = 0;
        }
        bucketWeight[bucketBestBits & 0x7f] = 0;
        bucketPixel = -1;
        bucketMix = 0;
        bucketCount = 0;
        bucketTotal = 0;
        bucketBestSpan = Integer.MIN_VALUE;
        bucketBestWidest = -1;
        bucketBestBits = 0;
        bucketBestLength = 0;
    }
}
