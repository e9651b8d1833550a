package dev.loomscope.core.live;

import dev.loomscope.core.jfr.EventInterpreter;
import dev.loomscope.core.jfr.HeapAdvice;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.RecordingWarning;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live view of a running JVM: Loomscope's recording started in the target, its repository
 * streamed into a growing {@link Timeline}.
 *
 * <p>Why {@code EventStream.openRepository}: the target writes its recording to disk anyway; reading
 * those files needs no JMX connection and opens no socket in either process (the JMX alternative,
 * {@code RemoteRecordingStream}, needs the target's management agent listening and measured
 * slower, ~690 ms p50 against ~550 ms). The target's JFR flushes once a second, which bounds how
 * fresh the view can be.
 *
 * <p>Threads: the stream runs on a virtual thread of its own; events are interpreted as they arrive
 * and applied to the timeline in batches under its write lock, so a reader waits at most one batch
 * ({@link #BATCH} events). The timeline's end moves at each of the target's flushes, once every
 * event committed before it is in: what is drawn up to the end is complete. What JFR itself drops
 * in the target arrives as {@code jdk.DataLoss} events and is reported. Memory is bounded by a
 * window: spans older than {@link LiveOptions#window()} are dropped, and the timeline's warnings
 * say so.
 *
 * <p>Keeping up: a target can write faster than this machine reads (a service starting a hundred
 * thousand virtual threads a second, sharing two cores with Loomscope). A session that trails the
 * target by more than {@link LiveOptions#maxLag()} at a flush jumps ahead: it starts a new timeline
 * at the present, as a new attach would, and the timeline's warnings say when and why; the view
 * never shows a past that falls further and further behind. It does the same when its timeline
 * holds more than {@link LiveOptions#maxThreads()} threads, which bounds its memory. Nothing
 * captured is lost: the target's chunks are still copied, and Save writes all of them.
 *
 * <p>Thread dumps ({@link SessionDumps}) are merged once the stream has read past them, at a
 * flush. {@link #stop} waits for the stream to reach the closing dump (a few seconds at most)
 * before it stops the recording.
 */
public final class LiveSession implements AutoCloseable {
    /** Events applied per write-lock hold. */
    static final int BATCH = 2048;

    /** Where a session is. */
    public enum State { STREAMING, DISCONNECTED, STOPPED }

    /** Told about the session, on the stream's thread: keep it short, hand over to the UI thread. */
    public interface Listener {
        /** New data is in the timeline. */
        void updated(LiveSession session);

        /** The session stopped streaming, and why ({@code reason} is for people). */
        void stateChanged(LiveSession session, State state, String reason);
    }

    private final TargetJvm target;
    private final LiveOptions options;
    private final Listener listener;
    private final long originEpochNanos;
    /** Replaced when the session jumps ahead; read by the UI's thread through {@link #timeline()}. */
    private volatile TimelineWriter writer = new TimelineWriter();
    private EventInterpreter interpreter;
    /** Where the current timeline starts reading (timeline nanoseconds): 0, or the latest jump. */
    private long readFrom;
    private final Jumps jumps = new Jumps();
    private final Path repository;
    private final ChunkCopies chunks;
    private final SessionDumps dumps;
    /** How far the stream has read, all events before it in: the end of the latest flush applied. */
    private volatile long readUntil = Long.MIN_VALUE;
    /** How long {@link #stop} waits for the stream to read up to the closing dump. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);
    private final String settingsUsed;
    private EventStream stream;
    private volatile State state = State.STREAMING;
    private volatile String reason = "";
    private volatile long lagNanos;
    private long droppedSpans;
    private int pending;

    private LiveSession(TargetJvm target, LiveOptions options, Listener listener, String settingsUsed,
                        Path repository, long originEpochNanos) throws IOException {
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.settingsUsed = settingsUsed;
        this.originEpochNanos = originEpochNanos;
        this.interpreter = new EventInterpreter(writer, originEpochNanos);
        this.repository = repository;
        this.dumps = new SessionDumps(target, originEpochNanos);
        this.chunks = new ChunkCopies(repository, options.limits());
    }

    /**
     * Starts Loomscope's recording in {@code target}, takes a first thread dump, and streams. The
     * session owns the target from here and detaches when closed.
     */
    public static LiveSession start(TargetJvm target, LiveOptions options, Listener listener) throws IOException {
        JvmInfo info = target.info();
        if (info.feature() != 0 && !info.canStream()) {
            throw new AttachException("pid " + target.pid() + " runs JDK " + info.feature() + ", which cannot "
                    + "stream JFR events (JDK 14 or newer is needed). Record it instead: jcmd " + target.pid()
                    + " JFR.start filename=app.jfr, then open the file.");
        }
        String refused = "";
        if (options.agentJar() != null) {
            try {
                target.loadAgent(options.agentJar(), options.agentOptions());
            } catch (AttachException e) {
                // A JVM may forbid agents loaded at run time (-XX:-EnableDynamicAgentLoading): record
                // with JFR alone, its carrier traces included, and say so, rather than not at all.
                refused = "; the agent was refused (" + e.getMessage() + "), so JFR records alone";
            }
        }
        long origin = epochNanos(Instant.now());
        String settings = target.startRecording(options.limits(), options.agentJar() != null && refused.isEmpty())
                + refused;
        Path repository = target.repository();
        LiveSession session = new LiveSession(target, options, listener, settings, repository, origin);
        session.dumps.take();
        session.open();
        return session;
    }

    public Timeline timeline() {
        return writer.timeline();
    }

    public TargetJvm target() {
        return target;
    }

    public State state() {
        return state;
    }

    /** Why the session is no longer streaming, or "". */
    public String reason() {
        return reason;
    }

    /** How many times the session jumped ahead to keep up (each time with a new {@link #timeline()}). */
    public int jumps() {
        return jumps.count();
    }

    /** Events read since the attach, by every timeline the session had. */
    public long eventsRead() {
        return jumps.events(timeline());
    }

    /** How often JFR reported losing events in the target ({@code jdk.DataLoss}) since the attach. */
    public long dataLosses() {
        return jumps.losses(timeline());
    }

    /** Threads seen since the attach, by every timeline the session had (one seen by two counts twice). */
    public long threadsSeen() {
        return jumps.threads(timeline());
    }

    /** How far the timeline's end trails the wall clock: the freshness of what is shown. */
    public Duration lag() {
        return Duration.ofNanos(lagNanos);
    }

    /** Which settings the target records with (it may have refused Loomscope's overlay). */
    public String settingsUsed() {
        return settingsUsed;
    }

    /**
     * Stops streaming: a last thread dump, the stream given time to read up to it (else the last
     * second's events, which the target flushes once a second, would be cut off while the dump put
     * its threads after the timeline's end), the target's recording stopped, the target detached.
     */
    public void stop() {
        stop("stopped by the user");
    }

    /** {@link #stop()}, saying why it stopped ({@code "the 30 s asked for were recorded"}). */
    public void stop(String why) {
        if (state != State.STREAMING) {
            return;
        }
        long dumped = dumps.take();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (dumped >= 0 && readUntil < dumped && state == State.STREAMING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        chunks.copyNew(true);
        try {
            target.stopRecording();
        } catch (AttachException e) {
            // The target may be on its way out; the data is already here.
        }
        end(State.STOPPED, why);
    }

    /**
     * Writes what the session captured as a {@code .jfr} file (the target's chunks, as copied while
     * streaming) and its thread dumps beside it as {@code <file>.threads.json}, which the loader
     * merges when the file is opened again.
     */
    public void save(Path file) throws IOException {
        chunks.copyNew(state != State.STREAMING);
        chunks.writeTo(file);
        dumps.writeBeside(file);
    }

    @Override
    public void close() {
        stop();
        chunks.delete();
    }

    private void open() throws IOException {
        stream = openStream(repository, Instant.ofEpochSecond(0, originEpochNanos).minusSeconds(1));
        ProcessHandle.of(target.pid()).ifPresentOrElse(
                p -> p.onExit().thenRun(this::targetExited),
                this::targetExited);
        Thread.ofVirtual().name("loomscope-stream-" + target.pid()).start(this::run);
    }

    private EventStream openStream(Path repository, Instant from) throws IOException {
        EventStream opened = EventStream.openRepository(repository);
        opened.setReuse(false);
        opened.setOrdered(true);
        opened.setStartTime(from);
        opened.onEvent(this::onEvent);
        opened.onFlush(this::onFlush);
        opened.onError(e -> end(State.DISCONNECTED, "the event stream failed: " + e.getMessage()));
        return opened;
    }

    /** Streams until the session ends, on a new stream from the present each time it jumps ahead. */
    private void run() {
        try {
            while (true) {
                EventStream current = stream;
                try {
                    current.start();
                } finally {
                    if (pending > 0) {
                        endBatch(); // never leave the write lock held by a stream that ended mid-batch
                    }
                }
                if (state != State.STREAMING || stream == current) {
                    break; // closed by the session's end, or ended by itself
                }
            }
        } catch (RuntimeException e) {
            end(State.DISCONNECTED, "the event stream stopped: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // Else the stream's thread would die and the view stand still, saying it is live.
            end(State.DISCONNECTED, HeapAdvice.outOfMemory());
        }
        if (state == State.STREAMING) {
            end(State.DISCONNECTED, "the event stream ended");
        }
    }

    private void onEvent(RecordedEvent event) {
        if (pending == 0) {
            writer.beginBatch();
        }
        interpreter.accept(event);
        if (++pending >= BATCH) {
            endBatch(); // let readers in; the timeline's end moves at the flush
        }
    }

    private void onFlush() {
        if (pending == 0) {
            writer.beginBatch();
        }
        try {
            applyFlush();
        } finally {
            endBatch();
        }
        chunks.copyNew(false);
        listener.updated(this);
        // Only a timeline that has shown something: a new stream's first flushes may hold nothing yet.
        if (interpreter.latestEnd() > readFrom && state == State.STREAMING) {
            if (lagNanos > options.maxLag().toNanos()) {
                jumpAhead(String.format("the target wrote faster than Loomscope could read it, and the view was "
                        + "falling behind by more than %d s", options.maxLag().toSeconds()));
            } else if (timeline().laneCount() > options.maxThreads()) {
                jumpAhead(String.format("the timeline held more than %,d threads, which bounds the memory a "
                        + "session takes (threads that ended stay in it for as long as it shows them)",
                        options.maxThreads()));
            }
        }
    }

    /**
     * Starts a new timeline at the present, read by a new stream from there, {@code why} (for people):
     * the current one falls further behind than {@link LiveOptions#maxLag()}, or holds more threads
     * than {@link LiveOptions#maxThreads()}. Runs on the stream's thread, in its flush callback: the
     * stream stops after it and {@link #run} starts the new one.
     */
    private synchronized void jumpAhead(String why) {
        if (state != State.STREAMING) {
            return;
        }
        long now = epochNanos(Instant.now()) - originEpochNanos;
        EventStream next;
        try {
            next = openStream(repository, Instant.ofEpochSecond(0, originEpochNanos + now));
        } catch (IOException e) {
            return; // keep reading behind rather than not at all
        }
        jumps.record(timeline(), now, why);
        TimelineWriter fresh = new TimelineWriter();
        interpreter = new EventInterpreter(fresh, originEpochNanos);
        readFrom = now;
        fresh.beginBatch();
        try {
            fresh.dropBefore(now);
            fresh.advance(info(now, fresh));
        } finally {
            fresh.endBatch();
        }
        writer = fresh;
        EventStream behind = stream;
        stream = next;
        behind.close();
    }

    /** The end of what the current timeline has read: its start at least, before it read anything. */
    private long readEnd() {
        return Math.max(readFrom, interpreter.latestEnd());
    }

    private void endBatch() {
        pending = 0;
        writer.endBatch();
    }

    /**
     * Moves the timeline's end and drops what left the window. At a flush every event the target
     * committed before it has been read: the facts held back for later events can be settled up
     * to shortly before it, and the dumps before its end merged. Done once a flush, not once a
     * batch: each step looks at what is held back or still alive, which a busy target makes large.
     */
    private void applyFlush() {
        long end = readEnd();
        long windowStart = end - options.window().toNanos();
        if (windowStart > timeline().windowStart() + options.window().toNanos() / 10) {
            droppedSpans += writer.dropBefore(windowStart);
        }
        interpreter.settle(end - EventInterpreter.SETTLE_NANOS);
        dumps.merge(writer, end, false);
        writer.advance(info(end, writer));
        readUntil = end;
        lagNanos = Math.max(0, epochNanos(Instant.now()) - originEpochNanos - end);
    }

    private RecordingInfo info(long end, TimelineWriter into) {
        List<RecordingWarning> warnings = new ArrayList<>();
        if (!reason.isEmpty()) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.DISCONNECTED,
                    "Disconnected: " + reason + ". Everything captured until then is kept."));
        }
        if (!target.info().limitations().isEmpty()) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.TARGET_LIMITS,
                    "This JVM's recording has limits: " + target.info().limitations() + "."));
        }
        if (!settingsUsed.equals("Loomscope's settings")) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.TARGET_LIMITS, "The target records with " + settingsUsed + "."));
        }
        jumps.warn(warnings);
        if (into.timeline().windowStart() > readFrom) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.DROPPED, String.format(
                    "Showing the last %d s: %,d older spans were dropped to bound memory.",
                    options.window().toSeconds(), droppedSpans)));
        }
        if (chunks.droppedBytes() > 0) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.DROPPED, String.format(
                    "The oldest %.1f MB of the capture were dropped from disk to keep at most %s "
                    + "(record --max-size, --max-age): Save writes the rest.", chunks.droppedBytes() / 1e6,
                    options.limits().describe())));
        }
        // What the events themselves say (the agent's status, lost events) is worded as for a file.
        warnings.addAll(interpreter.contentWarnings());
        return new RecordingInfo("pid " + target.pid() + " " + target.info().displayName(), originEpochNanos,
                end, chunks.count(), interpreter.counts(), interpreter.agentStatus(), warnings);
    }

    private void targetExited() {
        // Let the stream read what the target flushed last, then stop waiting for more.
        CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(() -> {
            if (state == State.STREAMING) {
                chunks.copyNew(true);
                end(State.DISCONNECTED, "the target process (pid " + target.pid() + ") exited");
            }
        });
    }

    private synchronized void end(State newState, String why) {
        if (state != State.STREAMING) {
            return;
        }
        reason = why;
        state = newState;
        if (stream != null) {
            stream.close();
        }
        target.close();
        writer.beginBatch();
        try {
            long end = readEnd();
            interpreter.finish(end);
            dumps.merge(writer, end, true);
            writer.advance(info(end, writer));
        } finally {
            writer.endBatch();
        }
        listener.stateChanged(this, newState, why);
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
