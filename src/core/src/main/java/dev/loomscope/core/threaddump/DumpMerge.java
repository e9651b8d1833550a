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
 *
 * <p>That inference needs every event up to the dump read first: a file is read whole before its
 * dumps are merged; a live session merges a dump once its stream has read past it. A dump the
 * events have not reached ({@code readUntil}) says only what each thread was doing then: its
 * snapshot is kept, and no lane is drawn across time whose events are unread. Each thread is placed
 * at the instant the dump reached it, not at the dump's start.
 */
public final class DumpMerge {
    private DumpMerge() {
    }

    /** Merges {@code dump} into a timeline whose events are all read; {@code originEpochNanos} is its time 0. */
    public static void merge(ThreadDump dump, TimelineWriter writer, long originEpochNanos) {
        merge(dump, writer, originEpochNanos, Long.MAX_VALUE);
    }

    /** Merges {@code dump} into a timeline whose events are read up to {@code readUntil} (timeline nanoseconds). */
    public static void merge(ThreadDump dump, TimelineWriter writer, long originEpochNanos, long readUntil) {
        merge(dump, writer, originEpochNanos, readUntil, Long.MAX_VALUE, false);
    }

    /**
     * Merges a dump taken as the program exited, beside a recording that ends at {@code endNanos}:
     * the two are written side by side at exit, so the dump may be stamped a little later. What it
     * found is the state at the recording's end. Its virtual threads only: the platform threads
     * are in the recording's own dump at its last chunk end ({@code jdk.ThreadDump}), which
     * {@link #note} has placed already, and a second look at the same instant adds nothing.
     */
    public static void mergeAtEnd(ThreadDump dump, TimelineWriter writer, long originEpochNanos, long endNanos) {
        merge(dump, writer, originEpochNanos, Long.MAX_VALUE, endNanos, true);
    }

    private static void merge(ThreadDump dump, TimelineWriter writer, long originEpochNanos, long readUntil,
                              long latest, boolean virtualOnly) {
        WaitClassifier classifier = new WaitClassifier(writer.stacks());
        for (DumpedThread thread : dump.threads()) {
            if (virtualOnly && !thread.virtual()) {
                continue;
            }
            long at = Math.min(latest, instant(thread.time() != null ? thread.time() : dump.time(), originEpochNanos));
            int laneId = writer.lane(thread.tid(), thread.name(), thread.virtual(), 0);
            Lane lane = writer.timeline().lane(laneId);
            if (lane.ended() && lane.lifeEnd() <= at) {
                continue; // its end was recorded before the dump reached it: the dump is late news
            }
            int stack = intern(thread, writer);
            ThreadState state = stateOf(thread, stack, classifier);
            if (at > readUntil) { // the events up to the dump are unread: nothing to infer, nothing to draw
                writer.snapshot(new ThreadSnapshot(at, laneId, state, thread.blocker(), thread.owns(), stack));
                continue;
            }
            long lastSeen = lane.lastSeen();
            // A dump's RUNNABLE is on a CPU, ready for one, or in a native call (a JVM thread's
            // wait, a socket read): no proof of running since the last event. Drawn so, a JVM
            // thread in a native wait was RUNNING for the 3 s of a live session. Left to the gap
            // state, that time is "running or blocked too briefly to record".
            if (lastSeen != Long.MIN_VALUE && lastSeen < at && state != ThreadState.RUNNING) {
                writer.span(laneId, lastSeen, at, state, true, stack, -1);
            } else if (state.isBlocked()) {
                writer.explainWait(laneId, at, state, stack); // a recorded wait that lasts to the dump
            }
            writer.seen(laneId, at, at, stack);
            writer.snapshot(new ThreadSnapshot(at, laneId, state, thread.blocker(), thread.owns(), stack));
        }
    }

    /**
     * Records what a dump taken inside the recording ({@code jdk.ThreadDump}) says of the threads
     * the recording knows and that were alive then: their state, what they waited for and held,
     * and their stack, as snapshots. Draws nothing, and is not the thread's last event: short
     * parks below the recording's thresholds may have come and gone since its last one, so the
     * time from there to the dump stays unknown. Taken as an event, it drew a thread deadlocked
     * since 0.9 s as running until the dump at 3.8 s (the gap state up to the last event).
     */
    public static void note(ThreadDump dump, TimelineWriter writer, long originEpochNanos) {
        WaitClassifier classifier = new WaitClassifier(writer.stacks());
        for (DumpedThread thread : dump.threads()) {
            int laneId = writer.laneIfKnown(thread.tid());
            if (laneId < 0) {
                continue; // a JVM thread no event named: not worth a lane of its own
            }
            long at = instant(dump.time(), originEpochNanos);
            Lane lane = writer.timeline().lane(laneId);
            if (lane.ended() && lane.lifeEnd() <= at) {
                continue;
            }
            int stack = intern(thread, writer);
            writer.snapshot(new ThreadSnapshot(at, laneId, stateOf(thread, stack, classifier), thread.blocker(),
                    thread.owns(), stack));
        }
    }

    /** The latest instant at which {@code dump} saw a thread, in timeline nanoseconds. */
    public static long lastInstant(ThreadDump dump, long originEpochNanos) {
        long last = instant(dump.time(), originEpochNanos);
        for (DumpedThread thread : dump.threads()) {
            if (thread.time() != null) {
                last = Math.max(last, instant(thread.time(), originEpochNanos));
            }
        }
        return last;
    }

    private static long instant(java.time.Instant t, long originEpochNanos) {
        return Math.max(0, t.getEpochSecond() * 1_000_000_000L + t.getNano() - originEpochNanos);
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
