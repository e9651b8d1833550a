package dev.loomscope.core.model;

/**
 * The level-of-detail query every timeline view draws from: for a lane, a time range and a width
 * in pixels, the lane's spans as they can be seen at that zoom.
 *
 * <p>Spans at least a pixel wide come back as they are (clipped to the range); where several spans
 * or gaps share a pixel they come back as one merged span exactly covering that pixel, with the
 * dominant state and the mix. So the answer never holds more than one span per pixel, and a view
 * draws at most {@code pixels} rectangles per lane whatever the recording size. The spans are found
 * by binary search, so cost follows the spans in the range, not the lane.
 *
 * <p>Pixel {@code p} covers {@code [from + p * w, from + (p + 1) * w)} with
 * {@code w = (to - from) / pixels}. Not thread-safe: each view owns one instance.
 */
public final class ViewportQuery {
    private final long[] bucketTotals = new long[ThreadState.count()];
    private long from;
    private double pixelWidth;
    private int pixels;
    private LodSpans out;

    private int bucketPixel = -1;
    private int bucketMix;
    private int bucketCount;
    private int bucketBestSpan = Integer.MIN_VALUE;
    private int bucketBestBits;
    private long bucketBestLength;

    /** Fills {@code result} with lane {@code lane}'s spans over {@code [from, to)} at {@code pixels} wide. */
    public void query(Lane lane, long from, long to, int pixels, LodSpans result) {
        result.clear();
        long lo = Math.max(from, lane.lifeStart());
        long hi = Math.min(to, lane.lifeEnd());
        if (lo >= hi || pixels <= 0) {
            return;
        }
        this.from = from;
        this.pixelWidth = (double) (to - from) / pixels;
        this.pixels = pixels;
        this.out = result;
        bucketPixel = -1;

        SpanColumns spans = lane.spans;
        ThreadState gap = lane.gapState();
        int gapBits = gap == null ? -1 : gap.code() | SpanColumns.INFERRED;
        int n = spans.size();
        int i = spans.firstEndingAfter(lo);
        long cursor = lo;
        while (cursor < hi) {
            if (i < n && spans.start(i) <= cursor) {
                long e = Math.min(spans.end(i), hi);
                segment(cursor, e, spans.stateBits(i), i);
                cursor = e;
                i++;
            } else {
                long next = i < n ? Math.min(spans.start(i), hi) : hi;
                if (gapBits >= 0) {
                    segment(cursor, next, gapBits, -1);
                }
                cursor = next;
            }
        }
        flushBucket();
        this.out = null;
    }

    private void segment(long s, long e, int bits, int spanIndex) {
        double a = (s - from) / pixelWidth;
        double b = (e - from) / pixelWidth;
        int first = Math.min((int) a, pixels - 1);
        int last = Math.min((int) Math.ceil(b) - 1, pixels - 1); // the pixel holding e's last instant
        if (last <= first) {
            addToBucket(first, s, e, bits, spanIndex);
            return;
        }
        int fullFrom = first;
        if (a > first) { // starts inside pixel `first`: that pixel is shared with what came before
            addToBucket(first, s, pixelStart(first + 1), bits, spanIndex);
            flushBucket();
            fullFrom = first + 1;
        }
        int fullTo = last + 1;
        boolean tailShared = b < last + 1;
        if (tailShared) {
            fullTo = last;
        }
        if (fullFrom < fullTo) {
            flushBucket();
            out.add(Math.max(s, pixelStart(fullFrom)), tailShared ? pixelStart(fullTo) : e,
                    bits, 1 << (bits & 0x7f), spanIndex, 1);
        }
        if (tailShared) {
            addToBucket(last, pixelStart(last), e, bits, spanIndex);
        }
    }

    private long pixelStart(int p) {
        return from + Math.round(p * pixelWidth);
    }

    private void addToBucket(int pixel, long s, long e, int bits, int spanIndex) {
        if (pixel != bucketPixel) {
            flushBucket();
            bucketPixel = pixel;
        }
        long length = e - s;
        bucketTotals[bits & 0x7f] += length;
        bucketMix |= 1 << (bits & 0x7f);
        bucketCount++;
        if (length > bucketBestLength || bucketBestSpan == Integer.MIN_VALUE) {
            bucketBestLength = length;
            bucketBestSpan = spanIndex;
            bucketBestBits = bits;
        }
    }

    private void flushBucket() {
        if (bucketPixel >= 0 && bucketCount > 0) {
            int dominant = 0;
            for (int st = 1; st < bucketTotals.length; st++) {
                if (bucketTotals[st] > bucketTotals[dominant]) {
                    dominant = st;
                }
            }
            int bits = (bucketBestBits & 0x7f) == dominant
                    ? bucketBestBits
                    : dominant | (bucketBestBits & SpanColumns.INFERRED);
            long s = pixelStart(bucketPixel);
            long e = pixelStart(bucketPixel + 1);
            out.add(s, e, bits, bucketMix, bucketBestSpan, bucketCount);
        }
        java.util.Arrays.fill(bucketTotals, 0);
        bucketPixel = -1;
        bucketMix = 0;
        bucketCount = 0;
        bucketBestSpan = Integer.MIN_VALUE;
        bucketBestBits = 0;
        bucketBestLength = 0;
    }
}
