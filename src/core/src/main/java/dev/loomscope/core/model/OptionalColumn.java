package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * A column of {@link SpanColumns} whose value most spans lack (-1): a stack id, a link. It holds no
 * array until a span has a value: most lanes never link (tier 0 knows no carriers) and many never
 * have a stack (a carrier's spans, a thread only ever seen running), and four bytes a span are an
 * eighth of a timeline's heap.
 */
final class OptionalColumn {
    /** Null while every value is -1; else as long as the other columns. */
    private int[] values;

    int get(int i) {
        return values == null ? -1 : values[i];
    }

    /** Sets span {@code i}'s value, taking an array of {@code capacity} for the first one that is not -1. */
    void set(int i, int value, int capacity) {
        if (values == null) {
            if (value == -1) {
                return;
            }
            values = new int[capacity];
            Arrays.fill(values, -1);
        }
        values[i] = value;
    }

    boolean present() {
        return values != null;
    }

    /** Moves values {@code [from, from + count)} to {@code to}, as {@link System#arraycopy} does. */
    void move(int from, int to, int count) {
        if (values != null) {
            System.arraycopy(values, from, values, to, count);
        }
    }

    /** Values {@code [from, to)} as a column of their own. */
    OptionalColumn copyOfRange(int from, int to) {
        OptionalColumn copy = new OptionalColumn();
        if (values != null) {
            copy.values = Arrays.copyOfRange(values, from, to);
        }
        return copy;
    }

    void resize(int capacity) {
        if (values != null) {
            int old = values.length;
            values = Arrays.copyOf(values, capacity);
            if (capacity > old) {
                Arrays.fill(values, old, capacity, -1);
            }
        }
    }
}
