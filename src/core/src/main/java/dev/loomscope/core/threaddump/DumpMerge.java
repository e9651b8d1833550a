package dev.loomscope.core.threaddump;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.model.WaitClassifier;
import dev.loomscope.core.threaddump.ThreadDump.DumpedThread;
import dev.loomscope.core.threaddump.ThreadDump.Frame;

/**
 * Merges a {@link ThreadDump} into a timeline as the known state of every thread at the dump's
 * instant.
 *
 * <p>A thread the dump finds blocked, and that produced no event since its last one, was blocked
 * there all along as far as the recording can tell: a park that had returned in between would have
 * left an event. So the time from its last event to the dump is drawn in the dumped state, marked
 * inferred, with the dumped stack; its last known site becomes that stack. A thread the recording
 * never saw gets its lane, first seen at the dump.
 */
public final class DumpMerge {
    private DumpMerge() {
    }

    /** Merges {@code dump}; {@code originEpochNanos} is the timeline's time 0. */
    public static void merge(ThreadDump dump, TimelineWriter writer, long originEpochNanos) {
        long at = Math.max(0, dump.time().getEpochSecond() * 1_000_000_000L + dump.time().getNano() - originEpochNanos);
        WaitClassifier classifier = new WaitClassifier(writer.stacks());
        for (DumpedThread thread : dump.threads()) {
            int laneId = writer.lane(thread.tid(), thread.name(), thread.virtual(), 0);
            Lane lane = writer.timeline().lane(laneId);
            if (lane.ended()) {
                continue;
            }
            int stack = intern(thread, writer);
            ThreadState state = stateOf(thread, stack, classifier);
            long lastSeen = lane.lastSeen();
            if (lastSeen != Long.MIN_VALUE && lastSeen < at) {
                writer.span(laneId, lastSeen, at, state, true, stack, -1);
            }
            writer.seen(laneId, at, at, stack);
            writer.snapshot(new ThreadSnapshot(at, laneId, state, thread.blocker(), thread.owns(), stack));
        }
    }

    private static ThreadState stateOf(DumpedThread thread, int stack, WaitClassifier classifier) {
        return switch (thread.state()) {
            // A virtual thread's RUNNABLE is mounted or waiting for a carrier: the dump does not say which.
            case "RUNNABLE" -> thread.virtual() ? ThreadState.RUNNING_OR_RUNNABLE : ThreadState.RUNNING;
            case "BLOCKED" -> ThreadState.BLOCKED_LOCK;
            case "WAITING", "TIMED_WAITING" -> classifier.classify(stack, ThreadState.WAITING);
            default -> ThreadState.UNKNOWN;
        };
    }

    private static int intern(DumpedThread thread, TimelineWriter writer) {
        int[] frames = new int[thread.frames().size()];
        int n = 0;
        for (Frame f : thread.frames()) {
            frames[n++] = writer.stacks().internFrame(f.className(), f.methodName(), f.line());
        }
        return writer.stacks().internStack(frames, n, false);
    }
}
