package dev.loomscope.core.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk layout of a {@code .jfr} file, read from the chunk headers alone (no parsing of events).
 *
 * <p>A JFR file is a sequence of self-contained chunks, each starting with a 68-byte header:
 * magic {@code FLR\0}, version, chunk size, constant-pool and metadata offsets, start time (epoch
 * nanos), duration, ticks. Knowing where each chunk starts and whether it is whole lets the loader
 * read what is intact and say precisely where a cut or damaged file breaks.
 */
record ChunkIndex(long fileSize, List<Chunk> chunks, String damage) {
    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    /** One chunk; {@code complete} is false for a chunk the file holds only part of. */
    record Chunk(long offset, long size, long startEpochNanos, long durationNanos, boolean complete) {
        long endEpochNanos() {
            return startEpochNanos + durationNanos;
        }
    }

    /** The whole chunks, in file order. */
    List<Chunk> completeChunks() {
        return chunks.stream().filter(Chunk::complete).toList();
    }

    /** Bytes from the file start to the end of the last whole chunk of the leading run of whole chunks. */
    long intactPrefix() {
        long end = 0;
        for (Chunk c : chunks) {
            if (!c.complete()) {
                break;
            }
            end = c.offset() + c.size();
        }
        return end;
    }

    /**
     * Reads the chunk headers of {@code file}. Throws {@link RecordingException} if the file is
     * empty or does not start like a JFR recording; damage after the first header is reported in
     * {@link #damage()} instead, so the intact chunks can still be read.
     */
    static ChunkIndex read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new RecordingException(file.getFileName() + " is empty (0 bytes). A recording that "
                        + "is still being written, or was never flushed, has no data yet: stop the "
                        + "recording (jcmd <pid> JFR.stop) or wait for its first chunk, then open it again.");
            }
            List<Chunk> chunks = new ArrayList<>();
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
            long offset = 0;
            String damage = null;
            while (offset < size) {
                header.clear();
                int read = readFully(channel, header, offset);
                if (read < HEADER_SIZE || header.getInt(0) != MAGIC) {
                    if (offset == 0) {
                        throw new RecordingException(file.getFileName() + " is not a JFR recording (it does "
                                + "not start with the JFR magic bytes). Open a .jfr file written by JDK Flight "
                                + "Recorder, e.g. with -XX:StartFlightRecording or jcmd <pid> JFR.dump.");
                    }
                    damage = "the file is damaged at byte " + offset + " (no chunk header there); "
                            + "the " + chunks.size() + " chunk(s) before it were read";
                    break;
                }
                long chunkSize = header.getLong(8);
                long start = header.getLong(32);
                long duration = header.getLong(40);
                boolean complete = chunkSize >= HEADER_SIZE && offset + chunkSize <= size;
                if (!complete) {
                    chunks.add(new Chunk(offset, size - offset, start, duration, false));
                    damage = "the file is cut at byte " + size + " inside chunk " + (chunks.size())
                            + (chunkSize >= HEADER_SIZE
                                ? " (it declares " + chunkSize + " bytes, " + (size - offset) + " are present)"
                                : " (its header has no size: it was still being written)");
                    break;
                }
                chunks.add(new Chunk(offset, chunkSize, start, duration, true));
                offset += chunkSize;
            }
            return new ChunkIndex(size, List.copyOf(chunks), damage);
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
