package dev.loomscope.core.model;

import java.util.List;

/**
 * The span columns that every sealed lane of a timeline shares (see Lane#seal): small lanes whose
 * thread ended keep a slice of these instead of columns of their own.
 */
final class SealedSpans {
    private SpanColumns columns = new SpanColumns(1024);

    /** Seals {@code lane} if it is small enough: its spans move here. */
    void seal(Lane lane) {
        lane.seal(columns);
    }

    /**
     * Copies the spans still used to new columns when more than {@code usedShare} times their
     * number (and a few thousand) are not: lanes emptied by a live window or written after their end
     * leave their slices behind.
     */
    void compact(List<Lane> lanes, double usedShare) {
        long used = 0;
        for (Lane lane : lanes) {
            used += lane.sealedIn(columns) ? lane.spanCount() : 0;
        }
        if (columns.size() - used <= usedShare * used + 4096) {
            return;
        }
        SpanColumns compact = new SpanColumns((int) used + 1024);
        for (Lane lane : lanes) {
            if (lane.sealedIn(columns)) {
                lane.seal(compact);
            }
        }
        columns = compact;
    }

    /** Frees the room kept for growth, once no lane will be sealed any more. */
    void trimToSize() {
        columns.trimToSize();
    }
}
