package dev.loomscope.core.model;

import java.util.Map;
import java.util.stream.Stream;

/**
 * Whether the recording could show a thread's end. A thread absent from the events since some
 * instant (one known from a thread dump only, say) is alive only if its end would have been
 * recorded: a recording without any virtual-thread lifetime event (the JDK's own settings, a
 * target that refused Loomscope's) cannot say that of a virtual thread.
 */
record EndsObservable(boolean known, boolean virtualEnds, boolean platformEnds) {
    static EndsObservable of(RecordingInfo info) {
        Map<String, Long> counts = info.eventCounts();
        if (counts.isEmpty()) {
            // nothing read yet, or a timeline built without events: no evidence either way
            return new EndsObservable(false, false, false);
        }
        // The agent reports every end too: a run that ended with the thread.
        boolean virtualEnds = Stream.of("jdk.VirtualThreadEnd", "jdk.VirtualThreadStart", "loomscope.CarrierRuns")
                .anyMatch(type -> counts.getOrDefault(type, 0L) > 0);
        boolean platformEnds = counts.getOrDefault("jdk.ThreadEnd", 0L) + counts.getOrDefault("jdk.ThreadStart", 0L) > 0;
        return new EndsObservable(true, virtualEnds, platformEnds);
    }

    void tell(Lane lane) {
        if (known) {
            lane.endObservable(lane.isVirtual() ? virtualEnds : platformEnds);
        }
    }
}
