package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events of a recording's whole chunks, in the order {@link RecordingFile} reads them: chunk
 * by chunk, each in file order. JFR chunks are self-contained (their own metadata and constant
 * pools), so with several chunks and cores, parser threads each copy a chunk to a file of its own
 * and parse it ahead of the reader, while the reader builds the model from the chunk before.
 * Parsing is most of a load; the model building is serial and stays on the reader's thread.
 *
 * <p>How far the parsers may run ahead is bounded by the heap: the events parsed and not yet read
 * take at most about an eighth of it, so a small heap parses nearly one chunk at a time rather
 * than running out. {@code -Dloomscope.parsers=1} reads the file on the caller's thread alone, as
 * does a temporary directory without room for the chunks in flight.
 *
 * <p>A chunk that fails to parse ends the events there, as a single read would: the events before
 * the failure come out, then {@link #next()} throws what the parser met. Two differences from one
 * read, both to the good: the chunk before a broken one keeps its last event (one read loses it,
 * reading ahead), and each chunk converts its ticks from its own header's anchor (one read uses
 * the first chunk's for all, a few hundred nanoseconds apart by the later chunks).
 */
final class ChunkEvents implements AutoCloseable {
    private static final int BATCH = 2048;
    /** A parsed event held in memory, with its boxed values: a generous guess, it only sizes the queues. */
    private static final long EVENT_BYTES = 400;
    private static final Object END = new Object();

    private final RecordingFile single;
    private final List<BlockingQueue<Object>> queues;
    private final List<Thread> parsers = new ArrayList<>();
    private int chunk;
    private RecordedEvent[] batch = new RecordedEvent[0];
    private int position;

    private ChunkEvents(RecordingFile single, List<BlockingQueue<Object>> queues) {
        this.single = single;
        this.queues = queues;
    }

    /** The events of {@code chunks} (the whole chunks of {@code file}, in file order). */
    static ChunkEvents open(Path file, List<ChunkIndex.Chunk> chunks) throws IOException {
        return open(file, chunks, Integer.getInteger("loomscope.parsers", Runtime.getRuntime().availableProcessors()));
    }

    /** The same with at most {@code parsers} parser threads (below 2: none, the caller reads). */
    static ChunkEvents open(Path file, List<ChunkIndex.Chunk> chunks, int maxParsers) throws IOException {
        int parsers = Math.min(chunks.size(), maxParsers);
        if (parsers < 2 || !roomForCopies(chunks, parsers)) {
            return new ChunkEvents(new RecordingFile(file), List.of());
        }
        long aheadEvents = Runtime.getRuntime().maxMemory() / 8 / EVENT_BYTES;
        int capacity = (int) Math.max(2, Math.min(Integer.MAX_VALUE, aheadEvents / BATCH / parsers));
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            queues.add(new LinkedBlockingQueue<>(capacity));
        }
        ChunkEvents events = new ChunkEvents(null, queues);
        AtomicInteger next = new AtomicInteger();
        for (int p = 0; p < parsers; p++) {
            Thread parser = Thread.ofPlatform().daemon().name("loomscope-chunk-parser-" + p)
                    .unstarted(() -> parseChunks(file, chunks, queues, next));
            events.parsers.add(parser);
        }
        events.parsers.forEach(Thread::start);
        return events;
    }

    /** Whether the temporary directory holds the chunk copies in flight, twice over. */
    private static boolean roomForCopies(List<ChunkIndex.Chunk> chunks, int parsers) {
        long largest = chunks.stream().mapToLong(ChunkIndex.Chunk::size).max().orElse(0);
        try {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            return Files.getFileStore(temp).getUsableSpace() > 2L * parsers * largest;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The next event, or null after the last one. */
    RecordedEvent next() throws IOException {
        if (single != null) {
            return single.hasMoreEvents() ? single.readEvent() : null;
        }
        while (position == batch.length) {
            if (chunk == queues.size()) {
                return null;
            }
            Object item = take(queues.get(chunk));
            switch (item) {
                case RecordedEvent[] events -> {
                    batch = events;
                    position = 0;
                }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> chunk++; // END
            }
        }
        return batch[position++];
    }

    @Override
    public void close() throws IOException {
        if (single != null) {
            single.close();
            return;
        }
        parsers.forEach(Thread::interrupt);
        for (Thread parser : parsers) {
            try {
                parser.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private static Object take(BlockingQueue<Object> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the recording");
        }
    }

    /** A parser's loop: the next chunk nobody took, until none is left; chunks are taken in file order. */
    private static void parseChunks(Path file, List<ChunkIndex.Chunk> chunks, List<BlockingQueue<Object>> queues,
                                    AtomicInteger next) {
        for (int k = next.getAndIncrement(); k < chunks.size(); k = next.getAndIncrement()) {
            BlockingQueue<Object> queue = queues.get(k);
            try {
                try {
                    parseChunk(file, chunks.get(k), queue);
                    queue.put(END);
                } catch (IOException | RuntimeException | Error e) {
                    queue.put(e);
                    return; // the reader stops at this chunk: later ones are not needed
                }
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    private static void parseChunk(Path file, ChunkIndex.Chunk chunk, BlockingQueue<Object> queue)
            throws IOException, InterruptedException {
        Path copy = Files.createTempFile("loomscope-chunk-", ".jfr");
        try {
            copyChunk(file, chunk, copy);
            try (RecordingFile recording = new RecordingFile(copy)) {
                RecordedEvent[] events = new RecordedEvent[BATCH];
                int n = 0;
                while (recording.hasMoreEvents()) {
                    events[n++] = recording.readEvent();
                    if (n == BATCH) {
                        queue.put(events);
                        events = new RecordedEvent[BATCH];
                        n = 0;
                    }
                }
                if (n > 0) {
                    queue.put(Arrays.copyOf(events, n));
                }
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static void copyChunk(Path file, ChunkIndex.Chunk chunk, Path copy) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < chunk.size()) {
                long n = in.transferTo(chunk.offset() + done, chunk.size() - done, out);
                if (n <= 0) {
                    throw new IOException("the recording ended inside a chunk it had whole");
                }
                done += n;
            }
        }
    }
}
