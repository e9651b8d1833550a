package dev.loomscope.core.jfr;

import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.RecordingWarning;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpFile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

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
        long duration = Math.max(0, lastIntactEnd(index) - origin);
        TimelineWriter writer = new TimelineWriter();
        EventInterpreter interpreter = new EventInterpreter(writer, origin);
        long events = 0;
        monitor.progress(0, "Reading " + file.getFileName());
        try (RecordingFile recording = new RecordingFile(readable)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                interpreter.accept(event);
                if (++events % PROGRESS_EVERY == 0) {
                    if (monitor.isCancelled()) {
                        throw new LoadCancelledException();
                    }
                    double fraction = duration == 0 ? 0 : (double) interpreter.latestEnd() / duration;
                    monitor.progress(Math.min(0.99, fraction), "Reading " + file.getFileName() + ": "
                            + String.format("%,d", events) + " events");
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
        }
        duration = Math.max(duration, interpreter.latestEnd());
        interpreter.finish(duration);
        warnings.addAll(RecordingWarning.fromContent(interpreter.agentStatus(), interpreter.counts()));
        mergeThreadDumps(file, writer, origin, duration, warnings);
        monitor.progress(1, "Read " + String.format("%,d", events) + " events");
        RecordingInfo info = new RecordingInfo(file.toString(), origin, duration, chunks.size(),
                interpreter.counts(), interpreter.agentStatus(), warnings);
        return writer.finish(info);
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
