package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.TimelineWriter;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The agent's batched carrier runs ({@code loomscope.CarrierRuns}, docs/events.md): each names the
 * virtual thread a carrier ran and when, so the carrier is busy then with that thread, and the
 * thread is RUNNING there, exactly. Off the carrier the thread keeps what its other events say
 * (a park's span, which also covers its wait for a carrier once unparked: runs alone do not say
 * when it was unparked). A run the agent reported while it was still going comes again whole; the
 * overlay of spans makes the two one.
 */
final class CarrierRuns {
    private static final int FIELDS = 16;
    private static final String[] THREAD = names("t");
    private static final String[] START = names("s");
    private static final String[] LENGTH = names("l");

    private final TimelineWriter writer;

    CarrierRuns(TimelineWriter writer) {
        this.writer = writer;
    }

    void accept(RecordedEvent event, int carrier, long eventTime) {
        if (carrier < 0) {
            return;
        }
        int count = Math.min(FIELDS, event.getInt("count"));
        for (int i = 0; i < count; i++) {
            long threadId = event.getLong(THREAD[i]);
            long start = eventTime - event.getLong(START[i]);
            long end = start + event.getLong(LENGTH[i]);
            if (threadId <= 0 || end <= start || start < 0) {
                continue;
            }
            int virtual = writer.laneIfKnown(threadId);
            if (virtual < 0) {
                virtual = writer.lane(threadId, "", true, 0);
            }
            write(carrier, virtual, start, end);
        }
    }

    /**
     * Writes the parts of the run that no other virtual thread holds on the carrier already. JFR
     * hands batches over out of order and each is placed on its clock to within a microsecond or
     * so, so neighbouring runs can touch: the one written first keeps the instant, and no two
     * virtual threads are ever drawn on one carrier at once. The agent's exact mounts
     * ({@link Scheduling}) are written here too, since a sampled capture mixes them with batches.
     */
    void write(int carrier, int virtual, long start, long end) {
        int carrierLane = writer.carrierLaneOf(carrier);
        Lane busy = carrierLane < 0 ? null : writer.timeline().carrierLanes().get(carrierLane);
        long from = start;
        if (busy != null) {
            for (int i = busy.firstSpanEndingAfter(start); i < busy.spanCount() && busy.spanStart(i) < end; i++) {
                if (busy.spanLink(i) >= 0 && busy.spanLink(i) != virtual) {
                    piece(carrier, virtual, from, Math.min(end, busy.spanStart(i)));
                    from = Math.max(from, busy.spanEnd(i));
                }
            }
        }
        piece(carrier, virtual, from, end);
    }

    private void piece(int carrier, int virtual, long start, long end) {
        if (start < end) {
            writer.carrierBusy(carrier, start, end, virtual);
            writer.span(virtual, start, end, ThreadState.RUNNING, false, -1, writer.carrierLaneOf(carrier));
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
