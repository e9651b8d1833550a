package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.TimelineWriter;

/**
 * Where the agent's runs become a carrier's busy intervals and its virtual thread's RUNNING spans,
 * one carrier holding one virtual thread at a time.
 */
final class CarrierIntervals {
    private final TimelineWriter writer;

    CarrierIntervals(TimelineWriter writer) {
        this.writer = writer;
    }

    /**
     * Writes the run where no other virtual thread holds the carrier already. JFR hands batches
     * over out of order and each is placed on its clock to within a microsecond or so, so
     * neighbouring runs can touch: the one written first keeps the instant, and no two virtual
     * threads are ever drawn on one carrier at once. The run ends where another thread's run on the
     * carrier begins: that mount proves this thread was off the carrier by then, and nothing says
     * it came back (a run with no end, such as one still going when the recording stopped, would
     * otherwise fill every gap between the carrier's later runs, an impossible state, and one
     * insert per gap). A sampled capture mixes exact mounts and batches on one carrier; both come
     * here through {@link Scheduling}.
     */
    void write(int carrier, int virtual, long start, long end) {
        int carrierLane = writer.carrierLaneOf(carrier);
        Lane busy = carrierLane < 0 ? null : writer.timeline().carrierLanes().get(carrierLane);
        long from = start;
        long to = end;
        if (busy != null) {
            for (int i = busy.firstSpanEndingAfter(start); i < busy.spanCount() && busy.spanStart(i) < to; i++) {
                if (busy.spanLink(i) >= 0 && busy.spanLink(i) != virtual) {
                    if (busy.spanStart(i) > from) {
                        to = busy.spanStart(i);
                    } else {
                        from = Math.max(from, busy.spanEnd(i));
                    }
                }
            }
        }
        piece(carrier, virtual, from, to);
    }

    private void piece(int carrier, int virtual, long start, long end) {
        if (start < end) {
            writer.carrierBusy(carrier, start, end, virtual);
            writer.span(virtual, start, end, ThreadState.RUNNING, false, -1, writer.carrierLaneOf(carrier));
        }
    }

}
