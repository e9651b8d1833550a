package dev.loomscope.core.live;

import dev.loomscope.core.capture.RecordingLimits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies of the target's repository chunks, kept up to date while streaming, so that a session can
 * be saved even after the target exited (a JVM deletes its repository when it exits normally).
 *
 * <p>A chunk file grows, and JFR rewrites its header at each flush to say how much of it is valid;
 * past that point it is still writing, and patches bytes in place (a checkpoint's size once the
 * checkpoint is written). So each update reads a stable header (the way the JDK's own parser
 * does: its state byte the same before and after, and not "being updated"), appends the bytes up
 * to the size that header declares, and writes that header: a copy is always a valid chunk as of
 * some flush, never one with half-patched bytes (a Save right after Stop could not be read).
 * Chunks of one JVM concatenate into a valid recording (never mix JVMs: the parser reuses
 * constant pools across chunks).
 */
final class ChunkCopies {
    private static final int HEADER = 68;
    /** Where the header says how much of the chunk is valid (a big-endian long). */
    private static final int CHUNK_SIZE = 8;
    /** The header's state byte: 0 finished, 255 being rewritten, else the flush generation. */
    private static final int FILE_STATE = 64;
    private static final byte UPDATING = (byte) 255;

    private final Path repository;
    private final Path dir;
    private final RecordingLimits limits;
    /** Each chunk copied so far, oldest first: its bytes copied and when it last grew. */
    private final Map<String, Copy> copies = new LinkedHashMap<>();
    /** Chunks deleted by the limits: never copied again while the target still has them. */
    private final Set<String> dropped = new HashSet<>();
    private long droppedBytes;
    /** Why a chunk the target still had could not be copied (a full disk), or null: Save says so. */
    private String failure;

    ChunkCopies(Path repository, RecordingLimits limits) throws IOException {
        this(repository, limits, Files.createTempDirectory("loomscope-session-"));
    }

    /** Copies into {@code dir}, which the copies own. */
    ChunkCopies(Path repository, RecordingLimits limits, Path dir) {
        this.repository = repository;
        this.limits = limits;
        this.dir = dir;
    }

    /**
     * Brings every copy up to date. A repository deleted or rotated under us keeps what was copied;
     * a chunk still there that cannot be copied is remembered, and {@link #writeTo} reports it.
     */
    synchronized void copyNew(boolean finalCopy) {
        List<Path> chunks;
        try (Stream<Path> files = Files.list(repository)) {
            chunks = files.filter(f -> f.toString().endsWith(".jfr")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | UncheckedIOException e) {
            return; // the repository is gone: what is copied stays
        }
        for (Path chunk : chunks) {
            try {
                update(chunk);
            } catch (IOException | UncheckedIOException e) {
                if (Files.exists(chunk)) {
                    failure = chunk.getFileName() + ": " + e.getMessage();
                }
            }
        }
        prune(System.currentTimeMillis());
    }

    /**
     * Deletes the oldest copies while they hold more than the limits allow; the newest chunk (the
     * one being written) always stays. A chunk is self-contained, so the rest still concatenates.
     */
    private void prune(long nowMillis) {
        long total = copies.values().stream().mapToLong(Copy::bytes).sum();
        while (copies.size() > 1) {
            String oldest = copies.keySet().iterator().next();
            long size = copies.get(oldest).bytes();
            boolean tooBig = limits.maxBytes() > 0 && total > limits.maxBytes();
            boolean tooOld = !limits.maxAge().isZero()
                    && nowMillis - copies.get(oldest).grewAtMillis() > limits.maxAge().toMillis();
            if (!tooBig && !tooOld) {
                return;
            }
            try {
                Files.deleteIfExists(dir.resolve(oldest));
            } catch (IOException e) {
                return; // kept on disk, so kept in the list: Save still writes it
            }
            copies.remove(oldest);
            dropped.add(oldest);
            total -= size;
            droppedBytes += size;
        }
    }

    /** Bytes of old chunks deleted to stay within the limits. */
    synchronized long droppedBytes() {
        return droppedBytes;
    }

    private void update(Path chunk) throws IOException {
        String name = chunk.getFileName().toString();
        if (dropped.contains(name)) {
            return;
        }
        long done = copies.containsKey(name) ? copies.get(name).bytes() : 0L;
        Path copy = dir.resolve(name);
        try (RandomAccessFile in = new RandomAccessFile(chunk.toFile(), "r")) {
            byte[] header = stableHeader(in);
            if (header == null) {
                return; // the target is rewriting it right now: the next update copies it
            }
            long size = ByteBuffer.wrap(header).getLong(CHUNK_SIZE);
            if (size < HEADER || size > in.length()) {
                return; // nothing valid yet, or not all of it on disk yet: the next update copies it
            }
            try (RandomAccessFile out = new RandomAccessFile(copy.toFile(), "rw")) {
                copyBody(in, out, done, size);
                out.seek(0);
                out.write(header);
            }
            if (size > done) {
                copies.put(name, new Copy(size, System.currentTimeMillis()));
            }
        }
    }

    private static void copyBody(RandomAccessFile in, RandomAccessFile out, long done, long size) throws IOException {
        if (size > done) {
            byte[] buffer = new byte[1 << 16];
            in.seek(done);
            out.seek(done);
            long left = size - done;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the chunk is shorter than its header says");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** The chunk's header as of one flush, or null if the target kept rewriting it. */
    private static byte[] stableHeader(RandomAccessFile in) throws IOException {
        if (in.length() < HEADER) {
            return null;
        }
        byte[] header = new byte[HEADER];
        for (int attempt = 0; attempt < 100; attempt++) {
            in.seek(0);
            in.readFully(header);
            in.seek(FILE_STATE);
            if (header[FILE_STATE] != UPDATING && in.readByte() == header[FILE_STATE]) {
                return header;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    synchronized int count() {
        return copies.size();
    }

    /**
     * Concatenates the copies, oldest first, into {@code file}; then, if a chunk could not be copied
     * while streaming, fails saying so: the file holds what was copied, and may end early.
     */
    synchronized void writeTo(Path file) throws IOException {
        List<Path> files = new ArrayList<>();
        copies.keySet().forEach(name -> files.add(dir.resolve(name)));
        if (files.isEmpty()) {
            throw new IOException("Nothing was captured yet: the target has not flushed a chunk.");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Path copy : files) {
                writeFinished(copy, out);
            }
        }
        if (failure != null) {
            throw new IOException("Saved " + file.getFileName() + ", but it may end before the session did: the "
                    + "target's data could not all be copied while streaming (" + failure + ").");
        }
    }

    /**
     * Writes a copy marked finished: a chunk the target was still writing says so in its state
     * byte (the flush generation), and the JDK's parser (`jfr`, JMC) then waits for it to finish
     * and refuses the file ("stuck in locked stream state"). As of the flush it was copied at, the
     * chunk is whole: its header declares its size and its last checkpoint.
     */
    private static void writeFinished(Path copy, OutputStream out) throws IOException {
        try (var in = Files.newInputStream(copy)) {
            byte[] header = in.readNBytes(HEADER);
            if (header.length == HEADER) {
                header[FILE_STATE] = 0;
            }
            out.write(header);
            in.transferTo(out);
        }
    }

    synchronized void delete() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Temporary files; the OS cleans up what is left.
        }
    }

    /** A chunk's copy: the bytes copied and when it last grew (its newest data, for maxage). */
    private record Copy(long bytes, long grewAtMillis) {
    }
}
