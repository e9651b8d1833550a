package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recording file's events, parsed by JFR on a thread of their own and handed over in batches, in
 * the file's order: parsing (JFR's) and building the model (ours) then take a core each instead of
 * taking turns on one.
 *
 * <p>Safe because a parsed event is complete when JFR returns it: the chunk's constant pools are
 * resolved as the chunk is opened, before its first event, and an event holds the resolved values
 * (threads, stacks); the reader sees them through the queue, after the parser wrote them. What
 * parsing throws is thrown by {@link #next()} after the events read before it, as a read on the
 * caller's thread would have.
 */
final class ParsedEvents implements AutoCloseable {
    private static final int BATCH = 1024;
    /** Batches parsed ahead at most: a few MB of events, however large the file. */
    private static final int AHEAD = 16;
    private static final RecordedEvent[] END = new RecordedEvent[0];

    private final BlockingQueue<RecordedEvent[]> batches = new ArrayBlockingQueue<>(AHEAD);
    private final Thread parser;
    private volatile boolean closed;
    /** What stopped the parser, if anything; read after {@link #END}, which it is put before. */
    private Throwable failure;
    private RecordedEvent[] batch = new RecordedEvent[0];
    private int next;

    private ParsedEvents(Path file) {
        parser = Thread.ofPlatform().name("loomscope-parse " + file.getFileName()).daemon()
                .unstarted(() -> parse(file));
        parser.start();
    }

    /** Starts parsing {@code file}. */
    static ParsedEvents of(Path file) {
        return new ParsedEvents(file);
    }

    /** The next event, or null after the last; throws what stopped parsing, once the events before it are read. */
    RecordedEvent next() throws IOException {
        if (next == batch.length) {
            if (batch == END) {
                return null;
            }
            batch = take();
            next = 0;
            if (batch == END) {
                rethrowFailure();
                return null;
            }
        }
        return batch[next++];
    }

    /** Stops the parser and waits for it to let go of the file (which the caller may delete next). */
    @Override
    public void close() {
        closed = true;
        batches.clear(); // a parser waiting to hand over a batch sees it is not wanted
        boolean interrupted = false;
        while (parser.isAlive()) {
            try {
                parser.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next batch, or {@link #END} once the parser has ended, also without handing END over
     * (an error while it handed over its last events, out of memory say): never waits for good.
     */
    private RecordedEvent[] take() throws InterruptedIOException {
        try {
            while (true) {
                RecordedEvent[] next = batches.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (!parser.isAlive()) { // what it wrote before it ended is seen now
                    next = batches.poll();
                    if (next != null) {
                        return next;
                    }
                    if (failure == null) {
                        failure = new IOException("reading the recording stopped: its parser ended unexpectedly");
                    }
                    return END;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the recording");
        }
    }

    private void rethrowFailure() throws IOException {
        switch (failure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure);
        }
    }

    private void parse(Path file) {
        RecordedEvent[] filling = new RecordedEvent[BATCH];
        int count = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (!closed && recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent(); // before count moves: it may throw
                filling[count++] = event;
                if (count == BATCH) {
                    handOver(filling);
                    filling = new RecordedEvent[BATCH];
                    count = 0;
                }
            }
        } catch (Throwable t) { // an OutOfMemoryError too: the reader reports it as its own
            failure = t;
        } finally {
            try {
                if (count > 0) { // the events read before the end, or before what stopped the parser
                    handOver(Arrays.copyOf(filling, count));
                }
            } catch (Throwable t) {
                failure = failure == null ? t : failure;
            }
            handOver(END); // if this fails too, the reader sees the thread gone (see take)
        }
    }

    private void handOver(RecordedEvent[] events) {
        try {
            while (!closed && !batches.offer(events, 100, TimeUnit.MILLISECONDS)) {
                // the reader is behind: wait for it, unless it has gone
            }
        } catch (InterruptedException e) {
            closed = true;
        }
    }
}
