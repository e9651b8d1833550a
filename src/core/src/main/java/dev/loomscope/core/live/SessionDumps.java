package dev.loomscope.core.live;

import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A live session's thread dumps (one at the attach, one at the stop). A dump is merged into the
 * timeline only once the stream has read past it: {@link DumpMerge} infers what a thread did up to
 * the dump from its events before it, so those must be in. Taken on one thread, merged on the
 * stream's: guarded by this object.
 */
final class SessionDumps {
    private final TargetJvm target;
    private final long originEpochNanos;
    private final List<ThreadDump> taken = new ArrayList<>();
    private final List<ThreadDump> unmerged = new ArrayList<>();

    SessionDumps(TargetJvm target, long originEpochNanos) {
        this.target = target;
        this.originEpochNanos = originEpochNanos;
    }

    /**
     * Takes a thread dump, to be merged once the stream has read past it. Returns the last instant
     * it saw a thread at (timeline nanoseconds), or -1 if there is none.
     */
    long take() {
        if (target.info().feature() != 0 && target.info().feature() < 21) {
            return -1; // JSON thread dumps exist from JDK 21
        }
        try {
            ThreadDump dump = target.threadDump();
            synchronized (this) {
                taken.add(dump);
                unmerged.add(dump);
            }
            return DumpMerge.lastInstant(dump, originEpochNanos);
        } catch (IOException e) {
            // A dump is a bonus; a target that cannot give one is still streamed.
            return -1;
        }
    }

    /**
     * Merges into {@code writer} the dumps the stream has read past ({@code read}: the events before
     * it are all in), or with {@code all} every dump left, those beyond it as snapshots only. Call
     * inside a batch.
     */
    synchronized void merge(TimelineWriter writer, long read, boolean all) {
        for (var i = unmerged.iterator(); i.hasNext(); ) {
            ThreadDump dump = i.next();
            if (all || DumpMerge.lastInstant(dump, originEpochNanos) <= read) {
                DumpMerge.merge(dump, writer, originEpochNanos, read);
                i.remove();
            }
        }
    }

    /** Writes every dump taken beside a saved recording, where the loader finds them. */
    synchronized void writeBeside(Path recording) throws IOException {
        ThreadDumpFile.write(ThreadDumpFile.besides(recording), taken);
    }
}
