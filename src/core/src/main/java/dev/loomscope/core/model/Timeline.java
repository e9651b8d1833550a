package dev.loomscope.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model of one recording: a lane per thread, a lane per carrier, the interned stacks, and what
 * is known about the recording itself. Every view, detector and command reads it through these
 * queries and {@link ViewportQuery}; none of them sees a JFR event.
 *
 * <p>Time is a {@code long} of nanoseconds since the recording start everywhere. Lane ids are
 * dense: {@code lane(i).id() == i}. A timeline is filled by one {@link TimelineWriter} and must not
 * be read while it is being written.
 */
public final class Timeline {
    final List<Lane> lanes = new ArrayList<>();
    final List<Lane> carriers = new ArrayList<>();
    final StackTable stacks = new StackTable();
    RecordingInfo info = new RecordingInfo("", 0, 0, 0, java.util.Map.of(), List.of());

    public int laneCount() {
        return lanes.size();
    }

    public Lane lane(int id) {
        return lanes.get(id);
    }

    /** Thread lanes, by id. */
    public List<Lane> lanes() {
        return Collections.unmodifiableList(lanes);
    }

    /**
     * Carrier lanes: one per platform thread seen carrying virtual threads. A carrier lane's id
     * indexes this list; its {@link Lane#javaThreadId()} is the carrier thread's.
     */
    public List<Lane> carrierLanes() {
        return Collections.unmodifiableList(carriers);
    }

    public StackTable stacks() {
        return stacks;
    }

    public RecordingInfo info() {
        return info;
    }

    public long durationNanos() {
        return info.durationNanos();
    }

    /** Total spans stored in thread and carrier lanes. */
    public long spanCount() {
        long n = 0;
        for (Lane lane : lanes) {
            n += lane.spanCount();
        }
        for (Lane lane : carriers) {
            n += lane.spanCount();
        }
        return n;
    }

    /** Approximate heap bytes the model holds, for the memory budget in DESIGN.md section 7. */
    public long retainedBytes() {
        long bytes = stacks.retainedBytes();
        for (Lane lane : lanes) {
            bytes += lane.retainedBytes();
        }
        for (Lane lane : carriers) {
            bytes += lane.retainedBytes();
        }
        return bytes;
    }
}
