package dev.loomscope.core.jfr;

import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.RecordingWarning;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpFile;
import jdk.jfr.consumer.RecordedEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Timeline} from a {@code .jfr} file.
 *
 * <p>A damaged file loses nothing that is intact: the chunk headers are checked first
 * ({@link ChunkIndex}), the whole chunks before the damage are read, and the timeline's
 * {@link RecordingInfo#warnings()} say where the file broke and what was kept. Only a file with
 * no whole chunk at all fails, with a {@link RecordingException} that says why.
 */
public final class RecordingLoader {
    private static final int PROGRESS_EVERY = 1 << 13;

    private RecordingLoader() {
    }

    /** Loads {@code file}, reporting progress to {@code monitor}, which may cancel. */
    public static Timeline load(Path file, LoadMonitor monitor) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RecordingException(file + " does not exist or is not a file.");
        }
        ChunkIndex index = ChunkIndex.read(file);
        List<RecordingWarning> warnings = new ArrayList<>();
        Path readable = file;
        Path intactCopy = null;
        if (index.damage() != null) {
            long intact = index.intactPrefix();
            if (intact == 0) {
                throw new RecordingException(file.getFileName() + " holds no complete chunk: " + index.damage()
                        + ". If the JVM that wrote it is still running, dump the recording again "
                        + "(jcmd <pid> JFR.dump filename=...).");
            }
            warnings.add(new RecordingWarning(RecordingWarning.Kind.DAMAGED_FILE, capitalize(index.damage())
                    + "; the views end at " + formatSeconds(lastIntactEnd(index) - index.chunks().getFirst().startEpochNanos())
                    + "."));
            intactCopy = copyPrefix(file, intact);
            readable = intactCopy;
        }
        try {
            return read(file, readable, index, warnings, monitor);
        } finally {
            if (intactCopy != null) {
                Files.deleteIfExists(intactCopy);
            }
        }
    }

    private static Timeline read(Path file, Path readable, ChunkIndex index, List<RecordingWarning> warnings,
                                 LoadMonitor monitor) throws IOException {
        List<ChunkIndex.Chunk> chunks = index.completeChunks();
        long origin = chunks.getFirst().startEpochNanos();
        Reading reading = new Reading(file, origin, Math.max(0, lastIntactEnd(index) - origin), monitor);
        reading.events(readable, ChunkBoundaries.of(chunks, origin), warnings);
        return reading.finish(chunks.size(), warnings);
    }

    /**
     * One file being read into a timeline. Written under the timeline's write lock in batches, as
     * a live session writes, so the monitor may show it while it grows ({@link LoadMonitor#readUpTo});
     * the monitor is never called holding the lock.
     */
    private static final class Reading {
        private final Path file;
        private final long origin;
        private final long duration;
        private final LoadMonitor monitor;
        private final TimelineWriter writer = new TimelineWriter();
        private final EventInterpreter interpreter;
        private long events;

        Reading(Path file, long origin, long duration, LoadMonitor monitor) {
            this.file = file;
            this.origin = origin;
            this.duration = duration;
            this.monitor = monitor;
            this.interpreter = new EventInterpreter(writer, origin);
        }

        /** Reads every event it can; where the file stops being readable, says so in {@code warnings}. */
        void events(Path readable, ChunkBoundaries boundaries, List<RecordingWarning> warnings) throws IOException {
            monitor.progress(0, "Reading " + file.getFileName());
            writer.beginBatch();
            try (ParsedEvents parsed = ParsedEvents.of(readable)) {
                for (RecordedEvent event = parsed.next(); event != null; event = parsed.next()) {
                    interpreter.accept(event);
                    long read = boundaries.passed(interpreter.latestEnd());
                    if (read >= 0) {
                        readUpTo(read);
                    }
                    if (++events % PROGRESS_EVERY == 0) {
                        outsideTheLock(this::progress);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof LoadCancelledException cancelled) {
                    throw cancelled;
                }
                if (events == 0) {
                    throw new RecordingException(file.getFileName() + " could not be read as a JFR recording: "
                            + e.getMessage(), e);
                }
                warnings.add(new RecordingWarning(RecordingWarning.Kind.READ_STOPPED, "Reading stopped after "
                        + String.format("%,d", events) + " events: " + e.getMessage()
                        + ". The timeline shows what was read before that point."));
            } finally {
                writer.endBatch();
            }
        }

        /**
         * Everything before {@code end} is read: settles what was held back for later events, moves
         * the timeline's end there (threads alive reach it, as in a live session) and lets the
         * monitor show it.
         */
        private void readUpTo(long end) {
            interpreter.settle(end - EventInterpreter.SETTLE_NANOS);
            writer.advance(new RecordingInfo(file.toString(), origin, end, 0, interpreter.counts(),
                    interpreter.agentStatus(), List.of()));
            outsideTheLock(() -> monitor.readUpTo(writer.timeline(), end));
        }

        private void progress() {
            if (monitor.isCancelled()) {
                throw new LoadCancelledException();
            }
            double fraction = duration == 0 ? 0 : (double) interpreter.latestEnd() / duration;
            monitor.progress(Math.min(0.99, fraction), "Reading " + file.getFileName() + ": "
                    + String.format("%,d", events) + " events");
        }

        /** Runs {@code action} between two batches: readers get in meanwhile. */
        private void outsideTheLock(Runnable action) {
            writer.endBatch();
            try {
                action.run();
            } finally {
                writer.beginBatch();
            }
        }

        /** Ends the threads still alive at the end, merges the dumps beside the file, and finishes. */
        Timeline finish(int chunks, List<RecordingWarning> warnings) {
            Timeline loaded;
            writer.beginBatch();
            try {
                long end = Math.max(duration, interpreter.latestEnd());
                interpreter.finish(end);
                warnings.addAll(interpreter.contentWarnings());
                mergeThreadDumps(file, writer, origin, end, warnings);
                loaded = writer.finish(new RecordingInfo(file.toString(), origin, end, chunks,
                        interpreter.counts(), interpreter.agentStatus(), warnings));
            } finally {
                writer.endBatch();
            }
            monitor.progress(1, "Read " + String.format("%,d", events) + " events");
            return loaded;
        }
    }

    /**
     * Merges the thread dumps saved beside the recording, if there are any: a live session's, or
     * the one the agent took as a recorded program exited.
     */
    private static void mergeThreadDumps(Path file, TimelineWriter writer, long origin, long duration,
                                         List<RecordingWarning> warnings) {
        Path dumps = ThreadDumpFile.besides(file);
        if (!Files.isRegularFile(dumps)) {
            return;
        }
        try {
            for (ThreadDump dump : ThreadDumpFile.read(dumps)) {
                DumpMerge.mergeAtEnd(dump, writer, origin, duration);
            }
        } catch (IOException e) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.THREAD_DUMPS, "The thread dumps beside the recording "
                    + "could not be read (" + e.getMessage() + "); threads blocked at the end show no site."));
        }
    }

    private static long lastIntactEnd(ChunkIndex index) {
        return index.completeChunks().stream().mapToLong(ChunkIndex.Chunk::endEpochNanos).max().orElse(0);
    }

    /** Copies the first {@code length} bytes, the whole chunks, so the JDK parser never meets the damage. */
    private static Path copyPrefix(Path file, long length) throws IOException {
        Path copy = Files.createTempFile("loomscope-intact-", ".jfr");
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(copy)) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return copy;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String formatSeconds(long nanos) {
        return String.format("%.3f s", nanos / 1e9);
    }
}
