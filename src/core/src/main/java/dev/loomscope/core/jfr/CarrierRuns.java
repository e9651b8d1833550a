package dev.loomscope.core.jfr;

import dev.loomscope.core.model.TimelineWriter;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The agent's batched carrier runs ({@code loomscope.CarrierRuns}, docs/events.md), as the mounts
 * and unmounts they stand for: each names the virtual thread a carrier ran, when, and why the run
 * ended (a park, a monitor, the thread's end). {@link Scheduling} replays them per thread, as the
 * agent's unbatched events; without submit events the time from an unpark to the next mount stays
 * part of the wait, as a park's method trace draws it. A run the agent reported while it was still
 * going is a mount only; it comes again whole.
 */
final class CarrierRuns {
    private static final int FIELDS = 16;
    private static final String[] THREAD = names("t");
    private static final String[] START = names("s");
    private static final String[] LENGTH = names("l");

    /** The reason codes in the low bits of a run's thread field, as the agent writes them. */
    private static final int REASON_BITS = 4;
    private static final int[] REASONS = {Scheduling.OTHER, Scheduling.PARK, Scheduling.YIELD, Scheduling.MONITOR,
            Scheduling.WAIT, Scheduling.END};
    private static final int STILL_RUNNING = 6;

    private final TimelineWriter writer;
    private final Scheduling scheduling;

    CarrierRuns(TimelineWriter writer, Scheduling scheduling) {
        this.writer = writer;
        this.scheduling = scheduling;
    }

    void accept(RecordedEvent event, int carrier, long eventTime) {
        if (carrier < 0) {
            return;
        }
        int count = Math.min(FIELDS, event.getInt("count"));
        for (int i = 0; i < count; i++) {
            long field = event.getLong(THREAD[i]);
            long threadId = field >>> REASON_BITS;
            int reason = (int) (field & ((1 << REASON_BITS) - 1));
            long start = eventTime - event.getLong(START[i]);
            long end = start + event.getLong(LENGTH[i]);
            if (threadId <= 0 || end < start || start < 0) {
                continue;
            }
            int virtual = writer.laneIfKnown(threadId);
            if (virtual < 0) {
                virtual = writer.lane(threadId, "", true, 0);
            }
            scheduling.add(Scheduling.MOUNT, virtual, start, carrier, 0);
            if (reason != STILL_RUNNING) {
                int why = reason < REASONS.length ? REASONS[reason] : Scheduling.OTHER;
                scheduling.add(Scheduling.UNMOUNT, virtual, end, carrier, why);
            }
        }
    }

    private static String[] names(String prefix) {
        String[] names = new String[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            names[i] = prefix + i;
        }
        return names;
    }
}
