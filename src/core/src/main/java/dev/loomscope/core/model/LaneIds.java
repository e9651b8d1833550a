package dev.loomscope.core.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of lane ids held as {@code int}s: a group of a million threads would otherwise
 * keep a million {@code Integer} objects (about 20 MB) for as long as its timeline is open.
 */
final class LaneIds extends AbstractList<Integer> implements RandomAccess {
    private final int[] ids;

    private LaneIds(int[] ids) {
        this.ids = ids;
    }

    /** Takes {@code ids} as they are: the caller gives up the array. */
    static LaneIds of(int[] ids) {
        return new LaneIds(ids);
    }

    static LaneIds copyOf(List<Integer> lanes) {
        int[] ids = new int[lanes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lanes.get(i);
        }
        return new LaneIds(ids);
    }

    @Override
    public Integer get(int index) {
        return ids[index];
    }

    @Override
    public int size() {
        return ids.length;
    }
}
