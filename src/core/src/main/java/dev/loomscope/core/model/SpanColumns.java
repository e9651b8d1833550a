package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The spans of one lane, stored column by column so that millions of spans cost no object each.
 *
 * <p>Invariant: spans are sorted by start, do not overlap ({@code end[i] <= start[i + 1]}) and are
 * never empty ({@code start[i] < end[i]}); so the ends are sorted too and both can be binary
 * searched. {@link #add} keeps the invariant by overlaying: where a new span overlaps stored ones,
 * each instant goes to the span whose state has the higher {@link ThreadState#priority()}; on a
 * tie, to the one that names a link (it knows more: the agent's carrier interval over the method
 * trace's), else to the stored one; a winner without a stack takes the loser's when both say the same
 * state. Overlaying is associative, so the result does not depend on the order in
 * which JFR delivers the events (it commits them at their end, so an outer {@code put} arrives
 * after the park inside it). Appends in time order, the common case, cost O(1).
 *
 * <p>The state byte holds the {@link ThreadState#code()} in its low bits and {@link #INFERRED} in
 * the top bit. {@code stack} is a {@link StackTable} id or -1; {@code link} is the carrier lane of a
 * thread span, or the mounted thread lane of a carrier span, or -1: both {@link OptionalColumn}s,
 * which take no memory on a lane where no span has one.
 */
final class SpanColumns {
    static final int INFERRED = 0x80;
    private static final int STATE_MASK = 0x7f;
    private static final int[] PRIORITY = priorities();
    /** No spans: where a lane without any points, shared; never written (see Lane#spansToWrite). */
    static final SpanColumns NONE = new SpanColumns(1);

    private long[] start;
    private long[] end;
    private byte[] state;
    private OptionalColumn stack = new OptionalColumn();
    private OptionalColumn link = new OptionalColumn();
    private int size;
    /** Changes with every add, so derived data (summaries) knows when it is stale. */
    private int version;

    /** Scratch for the pieces an overlay produces; reused, so overlays allocate nothing steady-state. */
    private SpanColumns pieces;

    SpanColumns(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        start = new long[capacity];
        end = new long[capacity];
        state = new byte[capacity];
    }

    int size() {
        return size;
    }

    int version() {
        return version;
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return end[i];
    }

    /** The raw state byte: code plus the {@link #INFERRED} bit. */
    int stateBits(int i) {
        return state[i] & 0xff;
    }

    ThreadState state(int i) {
        return ThreadState.ofCode(state[i] & STATE_MASK);
    }

    boolean inferred(int i) {
        return (state[i] & INFERRED) != 0;
    }

    int stack(int i) {
        return stack.get(i);
    }

    int link(int i) {
        return link.get(i);
    }

    /** Gives span {@code i} a state and a stack that say more than its own (see Lane#explainWait). */
    void refine(int i, int stateBits, int stackId) {
        version++;
        state[i] = (byte) stateBits;
        setStack(i, stackId);
    }

    private void setStack(int i, int stackId) {
        stack.set(i, stackId, start.length);
    }

    private void setLink(int i, int linkId) {
        link.set(i, linkId, start.length);
    }

    /** Index of the first span whose end is after {@code t}, or {@link #size()} if none. */
    int firstEndingAfter(long t) {
        return firstEndingAfter(t, 0, size);
    }

    /** The same within spans {@code [lo, hi)}: {@code hi} if none of them ends after {@code t}. */
    int firstEndingAfter(long t, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Index of the first span that starts at or after {@code t}, or {@link #size()} if none. */
    int firstStartingAtOrAfter(long t) {
        return firstStartingAtOrAfter(t, 0, size);
    }

    /** The same within spans {@code [lo, hi)}: {@code hi} if none of them starts at or after {@code t}. */
    int firstStartingAtOrAfter(long t, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The span containing instant {@code t}, or -1 if {@code t} falls in no span. */
    int indexAt(long t) {
        int i = firstEndingAfter(t);
        return i < size && start[i] <= t ? i : -1;
    }

    /**
     * Adds a span, overlaying it on the stored ones (see the class comment). Empty or inverted spans
     * are ignored: a zero-length event says nothing about how time was spent.
     */
    void add(long from, long to, int stateBits, int stackId, int linkId) {
        if (to <= from) {
            return;
        }
        version++;
        if (size == 0 || from >= end[size - 1]) {
            append(from, to, (byte) stateBits, stackId, linkId);
            return;
        }
        int first = firstEndingAfter(from);
        int last = firstStartingAtOrAfter(to); // spans [first, last) overlap [from, to)
        overlay(first, last, from, to, (byte) stateBits, stackId, linkId);
    }

    /**
     * Adds sorted, disjoint spans at once: the same as adding them one by one, in one merging pass
     * instead of one splice per span (adding n spans between stored ones one by one moves the
     * stored tail n times). Stored spans that end before the first added one stay where they are,
     * so adding at the end of a long lane (a live carrier's idle time) costs what is added.
     */
    void addAll(SpanColumns incoming) {
        if (incoming.size == 0) {
            return;
        }
        version++;
        int kept = firstEndingAfter(incoming.start[0]);
        SpanColumns stored = copyOfRange(kept, size);
        size = kept;
        ensureCapacity(size + stored.size + 2 * incoming.size);
        int i = 0;
        int j = 0;
        long t = Math.min(stored.size == 0 ? Long.MAX_VALUE : stored.start[0], incoming.start[0]);
        while (i < stored.size || j < incoming.size) {
            boolean inStored = i < stored.size && stored.start[i] <= t;
            boolean added = j < incoming.size && incoming.start[j] <= t;
            if (!inStored && !added) { // a gap in both: jump to the next start
                t = Math.min(i < stored.size ? stored.start[i] : Long.MAX_VALUE,
                        j < incoming.size ? incoming.start[j] : Long.MAX_VALUE);
                continue;
            }
            long next = Math.min(inStored ? stored.end[i] : i < stored.size ? stored.start[i] : Long.MAX_VALUE,
                    added ? incoming.end[j] : j < incoming.size ? incoming.start[j] : Long.MAX_VALUE);
            if (inStored && (!added || stored.storedWins(i, incoming.state[j], incoming.link(j)))) {
                append(t, next, stored.state[i], stored.stack(i), stored.link(i));
            } else {
                append(t, next, incoming.state[j], incoming.stack(j), incoming.link(j));
            }
            t = next;
            if (i < stored.size && stored.end[i] <= t) {
                i++;
            }
            if (j < incoming.size && incoming.end[j] <= t) {
                j++;
            }
        }
    }

    /**
     * Copies spans {@code [from, to)} of {@code source} after the last one stored, as they are (not
     * merged with it: they are another lane's), and returns the index of the first copy.
     */
    int appendSlice(SpanColumns source, int from, int to) {
        int base = size;
        int count = to - from;
        ensureCapacity(size + count);
        System.arraycopy(source.start, from, start, base, count);
        System.arraycopy(source.end, from, end, base, count);
        System.arraycopy(source.state, from, state, base, count);
        for (int k = 0; k < count; k++) {
            setStack(base + k, source.stack(from + k));
            setLink(base + k, source.link(from + k));
        }
        size += count;
        version++;
        return base;
    }

    private SpanColumns copyOfRange(int from, int to) {
        SpanColumns copy = new SpanColumns(to - from);
        System.arraycopy(start, from, copy.start, 0, to - from);
        System.arraycopy(end, from, copy.end, 0, to - from);
        System.arraycopy(state, from, copy.state, 0, to - from);
        copy.stack = stack.copyOfRange(from, to);
        copy.link = link.copyOfRange(from, to);
        copy.size = to - from;
        return copy;
    }

    /** The overlay rule of {@link #add}: where stored span {@code i} and a new one overlap, does the stored one stay? */
    private boolean storedWins(int i, byte newBits, int newLink) {
        int stored = PRIORITY[state[i] & STATE_MASK];
        int added = PRIORITY[newBits & STATE_MASK];
        return stored > added || stored == added && (link(i) >= 0 || newLink < 0);
    }

    private void append(long from, long to, byte bits, int stackId, int linkId) {
        if (to <= from) {
            return;
        }
        int last = size - 1;
        if (last >= 0 && end[last] == from && state[last] == bits && stack(last) == stackId
                && link(last) == linkId) {
            end[last] = to; // contiguous and identical: extend instead of storing another span
            return;
        }
        ensureCapacity(size + 1);
        start[size] = from;
        end[size] = to;
        state[size] = bits;
        setStack(size, stackId);
        setLink(size, linkId);
        size++;
    }

    /**
     * The stack an overlapped instant keeps: the winning span's, or, when it has none and both
     * spans say the same state, the other's (a queue operation that blocked names its queue, the
     * park inside it where the program called it: one wait, told twice).
     */
    private static int kept(int winner, int other, boolean sameState) {
        return winner >= 0 || !sameState ? winner : other;
    }

    private void overlay(int first, int last, long from, long to, byte bits, int stackId, int linkId) {
        if (pieces == null) {
            pieces = new SpanColumns(8);
        }
        SpanColumns out = pieces;
        out.size = 0;
        long cursor = from;
        for (int k = first; k < last; k++) {
            long s = start[k];
            long e = end[k];
            if (s < from) {
                out.append(s, from, state[k], stack(k), link(k));
            }
            if (s > cursor) {
                out.append(cursor, s, bits, stackId, linkId);
            }
            long overlapStart = Math.max(s, from);
            long overlapEnd = Math.min(e, to);
            boolean sameState = ((state[k] ^ bits) & 0xFF & ~INFERRED) == 0;
            if (storedWins(k, bits, linkId)) {
                out.append(overlapStart, overlapEnd, state[k], kept(stack(k), stackId, sameState), link(k));
            } else {
                out.append(overlapStart, overlapEnd, bits, kept(stackId, stack(k), sameState), linkId);
            }
            if (e > to) {
                out.append(to, e, state[k], stack(k), link(k));
            }
            cursor = overlapEnd;
        }
        if (cursor < to) {
            out.append(cursor, to, bits, stackId, linkId);
        }
        splice(first, last, out);
    }

    /** Replaces spans {@code [first, last)} with the pieces, moving the tail as needed. */
    private void splice(int first, int last, SpanColumns replacement) {
        int removed = last - first;
        int added = replacement.size;
        int newSize = size - removed + added;
        ensureCapacity(newSize);
        int tail = size - last;
        if (added != removed && tail > 0) {
            System.arraycopy(start, last, start, first + added, tail);
            System.arraycopy(end, last, end, first + added, tail);
            System.arraycopy(state, last, state, first + added, tail);
            stack.move(last, first + added, tail);
            link.move(last, first + added, tail);
        }
        System.arraycopy(replacement.start, 0, start, first, added);
        System.arraycopy(replacement.end, 0, end, first, added);
        System.arraycopy(replacement.state, 0, state, first, added);
        for (int k = 0; k < added; k++) {
            setStack(first + k, replacement.stack(k));
            setLink(first + k, replacement.link(k));
        }
        size = newSize;
    }

    /**
     * Forgets everything before {@code t}: spans that end by then go, one that straddles it is cut
     * there. Returns how many spans went.
     */
    int dropBefore(long t) {
        int keepFrom = firstEndingAfter(t);
        if (keepFrom == 0) {
            if (size > 0 && start[0] < t) {
                start[0] = t;
                version++;
            }
            return 0;
        }
        int kept = size - keepFrom;
        System.arraycopy(start, keepFrom, start, 0, kept);
        System.arraycopy(end, keepFrom, end, 0, kept);
        System.arraycopy(state, keepFrom, state, 0, kept);
        stack.move(keepFrom, 0, kept);
        link.move(keepFrom, 0, kept);
        size = kept;
        if (size > 0 && start[0] < t) {
            start[0] = t;
        }
        version++;
        if (start.length > 16 && size < start.length / 4) {
            resize(Math.max(4, size * 2));
        }
        return keepFrom;
    }

    /** Shrinks the columns to their size, once a lane will not grow any more. */
    void trimToSize() {
        if (start.length != size) {
            resize(Math.max(1, size));
        }
    }

    /** Heap bytes held by the columns (array payloads and headers), for the memory budget. */
    long retainedBytes() {
        long headers = 5L * 16 + (stack.present() ? 16 : 0) + (link.present() ? 16 : 0); // 3 arrays, 2 columns
        return headers + (long) start.length * (8 + 8 + 1 + (stack.present() ? 4 : 0) + (link.present() ? 4 : 0));
    }

    private void ensureCapacity(int needed) {
        if (needed > start.length) {
            resize(Math.max(needed, start.length + (start.length >> 1) + 1));
        }
    }

    private void resize(int capacity) {
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        state = Arrays.copyOf(state, capacity);
        stack.resize(capacity);
        link.resize(capacity);
    }

    private static int[] priorities() {
        ThreadState[] states = ThreadState.values();
        int[] result = new int[states.length];
        for (ThreadState s : states) {
            result[s.code()] = s.priority();
        }
        return result;
    }
}
