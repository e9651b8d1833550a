package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The model of one recording: a lane per thread, a lane per carrier, the interned stacks, and what
 * is known about the recording itself. Every view, detector and command reads it through these
 * queries and {@link ViewportQuery}; none of them sees a JFR event.
 *
 * <p>Time is a {@code long} of nanoseconds since the recording start everywhere. Lane ids are
 * dense: {@code lane(i).id() == i}. A timeline is filled by one {@link TimelineWriter}. A live
 * timeline keeps growing while it is read: its writer changes it only under the write lock, in
 * short batches, so a reader that holds {@link #readLock()} sees a consistent timeline and waits
 * at most one batch. A finished file timeline never changes and needs no lock.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Timeline {
    final List<Lane> lanes = new ArrayList<>();
    final List<Lane> carriers = new ArrayList<>();
    final StackTable stacks = new StackTable();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final List<ThreadSnapshot> snapshots = new ArrayList<>();
    final List<Channel> channels = new ArrayList<>();
    /** The lock objects JFR named by class and address, by id (see {@link #blocker}). */
    final List<String> blockers = new ArrayList<>();
    /** Per blocker id: whether it is a monitor ({@code synchronized}), not a java.util.concurrent lock. */
    final java.util.BitSet monitors = new java.util.BitSet();
    final FutureGraph futures = new FutureGraph();
    final java.util.Map<String, String> facts = new java.util.concurrent.ConcurrentHashMap<>();
    volatile RecordingInfo info = new RecordingInfo("", 0, 0, 0, java.util.Map.of(), AgentStatus.ABSENT, List.of());
    private volatile long version;
    /** Built by the first runnable-queue query of a version (SchedulerStats); readers may race to build it: same result. */
    volatile RunnableProfile runnableProfile;
    volatile RunnableWaits runnableWaits;
    /** Everything before this was dropped to bound memory (live sessions); 0 if nothing was. */
    volatile long windowStart;
    /**
     * The lane groups of a finished timeline, built where it was finished (the loading thread), so
     * the first frame of a million threads does not group them on the UI thread; null while it grows.
     */
    volatile List<LaneGroup> groups;

    /** Answers {@code query} under the read lock: a consistent view while a live session writes. */
    public <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Hold while reading a timeline that may be growing (a live one); cheap when it is not. */
    public Lock readLock() {
        return lock.readLock();
    }

    /** Changes whenever the writer applied a batch: a view compares it to know it must redraw. */
    public long version() {
        return version;
    }

    void changed() {
        version++;
    }

    public int laneCount() {
        return lanes.size();
    }

    public Lane lane(int id) {
        return lanes.get(id);
    }

    /** Thread lanes, by id. */
    public List<Lane> lanes() {
        return Collections.unmodifiableList(lanes);
    }

    /**
     * Carrier lanes: one per platform thread seen carrying virtual threads. A carrier lane's id
     * indexes this list; its {@link Lane#javaThreadId()} is the carrier thread's.
     */
    public List<Lane> carrierLanes() {
        return Collections.unmodifiableList(carriers);
    }

    public StackTable stacks() {
        return stacks;
    }

    /**
     * Facts about the recorded JVM that views and detectors use, by name: {@code cpus} (hardware
     * threads), {@code jdk.virtualThreadScheduler.parallelism} when it was set.
     */
    public java.util.Map<String, String> facts() {
        return java.util.Collections.unmodifiableMap(facts);
    }

    /** The blocking queues the agent saw (tier 1), by {@link Channel#index()}; empty without it. */
    public List<Channel> channels() {
        return Collections.unmodifiableList(channels);
    }

    /**
     * A lock object a BLOCKED_LOCK span waited on ({@link Lane#spanLink}): its class and the
     * address JFR recorded (of the lock's synchronizer, or the monitor), as {@code Class@hex}. An
     * address is an identity only while the object does not move; the collector may move it, so
     * two ids may be one lock (never the reverse within one collection cycle).
     */
    public String blocker(int id) {
        return blockers.get(id);
    }

    /**
     * Whether blocker {@code id} is a monitor. A monitor always has a live owner (a thread cannot
     * end holding one), unlike a {@code java.util.concurrent} lock, whose owner may be gone.
     */
    public boolean isMonitor(int id) {
        return monitors.get(id);
    }

    /** The CompletableFutures the agent saw (tier 1) and their dependency edges; empty without it. */
    public FutureGraph futures() {
        return futures;
    }

    /** What thread dumps said of each thread, in the order taken; empty without dumps. */
    public List<ThreadSnapshot> snapshots() {
        return Collections.unmodifiableList(snapshots);
    }

    public RecordingInfo info() {
        return info;
    }

    public long durationNanos() {
        return info.durationNanos();
    }

    /** The earliest instant still held: 0, unless a live session dropped older data to bound memory. */
    public long windowStart() {
        return windowStart;
    }

    /** Total spans stored in thread and carrier lanes. */
    public long spanCount() {
        long n = 0;
        for (Lane lane : lanes) {
            n += lane.spanCount();
        }
        for (Lane lane : carriers) {
            n += lane.spanCount();
        }
        return n;
    }

    /** Approximate heap bytes the model holds, for the memory budget in DESIGN.md section 7. */
    public long retainedBytes() {
        long bytes = stacks.retainedBytes();
        for (Lane lane : lanes) {
            bytes += lane.retainedBytes();
        }
        for (Lane lane : carriers) {
            bytes += lane.retainedBytes();
        }
        return bytes;
    }
}
