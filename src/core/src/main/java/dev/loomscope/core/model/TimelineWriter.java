package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.BitSet;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The only way to fill a {@link Timeline}: ingest (of any source, any capture tier) calls these
 * methods with facts already turned into nanoseconds since the recording start.
 *
 * <p>Facts may arrive in any order: spans are overlaid by state priority (see {@link SpanColumns}),
 * lifetimes widen to cover every event seen. {@link #finish} closes the timeline; nothing may be
 * written after it.
 */
@API(status = INTERNAL, since = "0.1")
public final class TimelineWriter {
    private final Timeline timeline = new Timeline();
    /** Lane index by Java thread id: looked up for every batched run, so without boxing. */
    private final LongIndex threadLanes = new LongIndex();
    /** Carrier lane index by the carrier thread's Java id. */
    private final LongIndex carrierLanes = new LongIndex();
    private final LongIndex channelsById = new LongIndex();
    private final LongIndex blockersByAddress = new LongIndex();
    private int unnamedMonitor = -1;
    /** Per carrier lane: up to when its thread's idle time is drawn. */
    private long[] idleProjectedUntil = new long[0];
    /** How far behind the stream's end carrier intervals are taken as settled. */
    private static final long SETTLE_NANOS = 2_000_000_000L;
    /**
     * Live: the lanes the next {@link #advance} visits, those written since the last one and those
     * whose thread has not ended (their lifetime follows the timeline's end). Null until the first
     * advance, which visits every lane: so an advance costs what changed, not every thread seen.
     */
    private BitSet toAdvance;
    /** Waits on futures that may never have returned: drawn BLOCKED_FUTURE up to the end. */
    private final OpenWaits openWaits = new OpenWaits();
    private final ThreadNames names = new ThreadNames();
    private final SealedSpans sealed = new SealedSpans();

    public StackTable stacks() {
        return timeline.stacks;
    }

    /** The timeline being written, for reading what is known so far. */
    public Timeline timeline() {
        return timeline;
    }

    /** The channel the agent calls {@code agentId}, created on first sight; what it is comes later. */
    public int channel(long agentId) {
        int index = channelsById.get(agentId);
        if (index < 0) {
            index = timeline.channels.size();
            timeline.channels.add(new Channel(index, agentId, Channel.UNKNOWN_CLASS, Channel.UNKNOWN_CAPACITY));
            channelsById.put(agentId, index);
        }
        return index;
    }

    /**
     * The channel the agent calls {@code agentId}, which is a {@code className} of {@code capacity}
     * ({@code className} null: the event did not say).
     */
    public int channel(long agentId, String className, int capacity) {
        int index = channel(agentId);
        if (className != null) {
            timeline.channels.get(index).describe(className, capacity);
        }
        return index;
    }

    /**
     * The id of the lock object JFR named by {@code address} ({@link Timeline#blocker}), created on
     * first sight; {@code monitor} when it was entered with {@code synchronized}.
     */
    public int blocker(long address, String className, boolean monitor) {
        int id = blockersByAddress.get(address);
        if (id < 0) {
            String simple = className == null ? "lock" : className.substring(className.lastIndexOf('.') + 1);
            id = newBlocker(simple + "@" + Long.toHexString(address), monitor);
            blockersByAddress.put(address, id);
        }
        return id;
    }

    /** The blocker id of "a monitor the recording does not name" (a virtual thread's, from the agent). */
    public int unnamedMonitor() {
        if (unnamedMonitor < 0) {
            unnamedMonitor = newBlocker("a monitor (not named by the recording)", true);
        }
        return unnamedMonitor;
    }

    private int newBlocker(String name, boolean monitor) {
        timeline.blockers.add(name);
        timeline.monitors.set(timeline.blockers.size() - 1, monitor);
        return timeline.blockers.size() - 1;
    }

    /** Records where and when a channel was created. */
    public void channelCreated(int channel, long t, int stack) {
        timeline.channels.get(channel).created(t, stack);
    }

    /**
     * Records an operation on a channel. One that blocked (lasted at least {@code blockedFrom}
     * nanoseconds) is also a span of its thread: BLOCKED_SEND or BLOCKED_RECV, linked to the channel.
     */
    public void channelOp(int channel, int lane, long start, long end, Channel.Op op, int sizeAfter,
                          boolean success, int stack, long blockedFrom) {
        timeline.channels.get(channel).add(start, end, lane, op, sizeAfter, success);
        if (end - start >= blockedFrom) {
            span(lane, start, end, op.isSend() ? ThreadState.BLOCKED_SEND : ThreadState.BLOCKED_RECV, false, stack, channel);
        } else {
            written(lane).seen(start, end, stack);
        }
    }

    /**
     * Records that lane {@code lane} was inside operation {@code op} on a channel at {@code at} (a
     * chunk end). Since its last event it has been waiting there, as far as the recording knows:
     * that time becomes an inferred blocked span linked to the channel.
     */
    public void channelWaiting(int channel, int lane, Channel.Op op, long at) {
        timeline.channels.get(channel).waiting(lane, op, at);
        Lane waiter = written(lane);
        long from = Math.max(waiter.lifeStart(), Math.min(at, waiter.lastSeen()));
        if (at > from) {
            span(lane, from, at, op.isSend() ? ThreadState.BLOCKED_SEND : ThreadState.BLOCKED_RECV, true, -1, channel);
        }
    }

    public void futureCreated(long id, long t, String kind, int stack) {
        timeline.futures.created(id, t, kind, stack);
    }

    /** A future created by the program's call {@code site} (the agent's id; see {@link #callSite}). */
    public void futureCreatedAtSite(long id, long t, long site) {
        timeline.futures.createdAtSite(id, t, site);
    }

    /** Where the agent's call site {@code site} is (a one-frame stack), and the kind of future it makes. */
    public void callSite(long site, int stack, String kind) {
        timeline.futures.callSite(site, stack, kind);
    }

    /** An edge whose {@code kind} is "" is of the dependent's own kind (the agent writes it so). */
    public void futureEdge(long from, long to, String kind) {
        timeline.futures.edge(from, to, kind);
    }

    /** {@code failure} null when it completed normally. */
    public void futureCompleted(long id, long t, FutureGraph.Failure failure, int lane) {
        timeline.futures.completed(id, t, failure, lane);
    }

    public void futureObserved(long id) {
        timeline.futures.observed(id);
    }

    /** Someone read a failure whose exception has this id, through whichever future held it. */
    public void exceptionRead(long exceptionId) {
        timeline.futures.exceptionRead(exceptionId);
    }

    /** Records that lane {@code lane} called {@code join} or {@code get} on future {@code id} at {@code t}. */
    public void futureWaited(long id, int lane, long t) {
        timeline.futures.waited(id, lane, t);
    }

    public void futureRan(long id, int lane, long start, long end) {
        timeline.futures.ran(id, lane, start, end);
    }

    /** Records a fact about the recorded JVM ({@link Timeline#facts()}). */
    public void fact(String name, String value) {
        timeline.facts.put(name, value);
    }

    /** Records what a thread dump said of a thread (see {@link ThreadSnapshot}). */
    public void snapshot(ThreadSnapshot snapshot) {
        timeline.snapshots.add(snapshot);
    }

    /** Starts a batch of changes to a timeline others read (live): takes the write lock. */
    public void beginBatch() {
        timeline.lock.writeLock().lock();
    }

    /** Ends a batch: releases the write lock and tells readers there is something new. */
    public void endBatch() {
        timeline.changed();
        timeline.lock.writeLock().unlock();
    }

    /**
     * Moves a live timeline's end to {@code info.durationNanos()}: threads still alive now reach
     * it. Call inside a batch.
     */
    public void advance(RecordingInfo info) {
        timeline.info = info;
        timeline.channels.forEach(Channel::sort); // readers binary-search the operations by end
        long now = info.durationNanos();
        openWaits.infer(timeline, now);
        EndsObservable ends = EndsObservable.of(info);
        BitSet visit = toAdvance;
        if (visit == null) {
            visit = new BitSet();
            visit.set(0, timeline.lanes.size());
        }
        toAdvance = new BitSet(timeline.lanes.size());
        for (int id = visit.nextSetBit(0); id >= 0; id = visit.nextSetBit(id + 1)) {
            Lane lane = timeline.lanes.get(id);
            ends.tell(lane);
            lane.advance(now);
            if (!lane.ended()) {
                toAdvance.set(id);
            } else {
                sealed.seal(lane); // again, if a span after its end took its columns back
            }
        }
        for (Lane carrier : timeline.carriers) {
            carrier.advance(now);
            projectIdle(carrier, Math.min(now - SETTLE_NANOS, threadLane(carrier).lastSeen()));
        }
        assert TimelineInvariants.hold(timeline);
    }

    /**
     * Returns the lane of a thread, creating it on first sight. A later non-empty name replaces
     * the earlier one (threads get renamed); a known OS thread id is kept.
     */
    public int lane(long javaThreadId, String name, boolean virtual, long osThreadId) {
        int known = threadLanes.get(javaThreadId);
        Lane lane = known < 0 ? null : timeline.lanes.get(known);
        if (lane == null) {
            // What no event explains: a platform thread ran or blocked too briefly for an event; a
            // virtual thread ran or waited for a carrier (docs/states.md).
            lane = new Lane(timeline.lanes.size(), javaThreadId, name == null ? "" : name, virtual, osThreadId,
                    virtual ? ThreadState.RUNNING_OR_RUNNABLE : ThreadState.RUNNING_OR_BRIEFLY_BLOCKED, names);
            timeline.lanes.add(lane);
            threadLanes.put(javaThreadId, lane.id());
            written(lane.id());
        } else {
            lane.rename(name, names);
            lane.osThreadId(osThreadId);
        }
        return lane.id();
    }

    /** Lane {@code id}, about to be written: the next {@link #advance} visits it. */
    private Lane written(int id) {
        if (toAdvance != null) {
            toAdvance.set(id);
        }
        return timeline.lanes.get(id);
    }

    /** The lane of a thread seen before, or -1. */
    public int laneIfKnown(long javaThreadId) {
        return threadLanes.get(javaThreadId);
    }

    /** The lane of a carrier's own thread. */
    private Lane threadLane(Lane carrier) {
        return timeline.lanes.get(threadLanes.get(carrier.javaThreadId()));
    }

    public void started(int lane, long t) {
        written(lane).started(t);
    }

    public void ended(int lane, long t) {
        Lane ended = written(lane);
        ended.ended(t);
        // Sealed now, not at the next advance, so a chunk of a million short-lived threads never
        // holds columns for each: the few that get a span after their end take theirs back.
        sealed.seal(ended);
    }

    /** Evidence that the thread existed over {@code [from, to]}; {@code stack} is its site then, or -1. */
    public void seen(int lane, long from, long to, int stack) {
        written(lane).seen(from, to, stack);
    }

    /** Records that the thread called {@code Thread.start} in {@code stack}, at or before {@code before}. */
    public void startedAnother(int lane, long before, int stack) {
        written(lane).startedAnother(before, stack);
    }

    /**
     * A thread dump at {@code at} found the thread blocked ({@code state}) in {@code stack}, with no
     * event of the thread since the span it is in began: that span was this wait.
     */
    public void explainWait(int lane, long at, ThreadState state, int stack) {
        written(lane).explainWait(at, state, stack);
    }

    /** Records that an execution sample caught the thread on a CPU at {@code t}, in {@code stack}. */
    public void sampled(int lane, long t, int stack) {
        Lane sampled = written(lane);
        sampled.sampled(t);
        sampled.seen(t, t, stack);
    }

    /** Records what a thread did over {@code [start, end)}. */
    public void span(int lane, long start, long end, ThreadState state, boolean inferred, int stack, int link) {
        int bits = state.code() | (inferred ? SpanColumns.INFERRED : 0);
        Lane target = written(lane);
        target.spansToWrite().add(start, end, bits, stack, link);
        target.seen(start, end, stack);
    }

    /**
     * Records a block that asked to last at most {@code requested} nanoseconds (a sleep, a timed
     * park; negative when it set no limit) and returned at {@code end}. Past the request the timer
     * had fired and the thread only waited to run again (a virtual thread for a carrier, a
     * platform thread for a CPU): that rest is RUNNABLE, inferred, never more of {@code state}.
     */
    public void timedBlock(int lane, long start, long end, long requested, ThreadState state, int stack, int link) {
        long due = requested < 0 ? end : start + Math.min(requested, end - start);
        span(lane, start, due, state, false, stack, link);
        span(lane, due, end, ThreadState.RUNNABLE, true, stack, -1);
    }

    /**
     * Records that the carrier thread of lane {@code carrierThreadLane} had a virtual thread mounted
     * over {@code [start, end)}: {@code mountedLane}, or -1 if the recording does not say which.
     *
     * <p>The carrier thread's own lane shows the same: running there, and waiting (idle, inferred)
     * between intervals once they are settled ({@link #projectIdle}). Without this its lane would
     * read "running" all the time, since an idle carrier's short parks fall below the recording
     * threshold.
     */
    public void carrierBusy(int carrierThreadLane, long start, long end, int mountedLane) {
        Lane thread = written(carrierThreadLane);
        int known = carrierLanes.get(thread.javaThreadId());
        Lane carrier = known < 0 ? null : timeline.carriers.get(known);
        if (carrier == null) {
            carrier = new Lane(timeline.carriers.size(), thread.javaThreadId(), thread.name(), false,
                    thread.osThreadId(), null, names);
            timeline.carriers.add(carrier);
            carrierLanes.put(thread.javaThreadId(), carrier.id());
            idleProjectedUntil = Arrays.copyOf(idleProjectedUntil, timeline.carriers.size());
            idleProjectedUntil[carrier.id()] = Long.MIN_VALUE;
        }
        carrier.spansToWrite().add(start, end, ThreadState.RUNNING.code(), -1, mountedLane);
        carrier.seen(start, end, -1);
        thread.spansToWrite().add(start, end, ThreadState.RUNNING.code(), -1, mountedLane);
        thread.seen(start, end, -1);
    }

    /** The carrier lane of the carrier thread of lane {@code carrierThreadLane}, or -1 if it has none yet. */
    public int carrierLaneOf(int carrierThreadLane) {
        return carrierLanes.get(timeline.lanes.get(carrierThreadLane).javaThreadId());
    }

    /**
     * Marks a carrier thread idle (waiting, inferred) between its busy intervals up to {@code until}.
     * Intervals arrive out of order, so this runs only over time that is settled: up to a watermark
     * behind the stream while live, to the thread's last event when finishing.
     */
    private void projectIdle(Lane carrier, long until) {
        Lane thread = written(threadLanes.get(carrier.javaThreadId()));
        long from = idleProjectedUntil[carrier.id()];
        if (from == Long.MIN_VALUE) {
            from = thread.lifeStart();
        }
        int idle = ThreadState.WAITING.code() | SpanColumns.INFERRED;
        SpanColumns gaps = new SpanColumns(16);
        int busy = carrier.spanCount();
        for (int i = carrier.firstSpanEndingAfter(from); i < busy && carrier.spanStart(i) < until; i++) {
            gaps.add(from, carrier.spanStart(i), idle, -1, -1);
            from = Math.max(from, carrier.spanEnd(i));
        }
        if (from < until) {
            gaps.add(from, until, idle, -1, -1);
            from = until;
        }
        thread.spansToWrite().addAll(gaps); // one merge: inserting each gap between the busy spans was quadratic
        idleProjectedUntil[carrier.id()] = from;
    }

    /**
     * Forgets everything before {@code t}, to keep a live session's memory bounded: spans are
     * dropped or cut, lifetimes start there at the earliest; queue operations, thread-dump
     * snapshots and the future chains that were over go too. Threads that ended before it keep an
     * empty lane. Returns how many spans went. Call inside a batch.
     */
    public long dropBefore(long t) {
        long dropped = 0;
        for (Lane lane : timeline.lanes) {
            dropped += lane.dropBefore(t);
        }
        if (toAdvance != null) {
            toAdvance.set(0, timeline.lanes.size()); // lifetimes were cut
        }
        for (Lane carrier : timeline.carriers) {
            dropped += carrier.dropBefore(t);
        }
        for (Channel channel : timeline.channels) {
            channel.sort();
            channel.dropBefore(t);
        }
        int[] waitIndex = timeline.futures.dropBefore(t);
        if (waitIndex != null) {
            openWaits.renumber(waitIndex);
        }
        timeline.snapshots.removeIf(snapshot -> snapshot.time() < t);
        timeline.windowStart = Math.max(timeline.windowStart, t);
        sealed.compact(timeline.lanes, 1); // a window moves on often: not before half the columns are unused
        return dropped;
    }

    /** Closes every lifetime at the recording end and hands over the finished timeline. */
    public Timeline finish(RecordingInfo info) {
        timeline.info = info;
        long end = info.durationNanos();
        for (Lane carrier : timeline.carriers) {
            projectIdle(carrier, threadLane(carrier).lastSeen());
        }
        openWaits.infer(timeline, end);
        EndsObservable ends = EndsObservable.of(info);
        for (Lane lane : timeline.lanes) {
            ends.tell(lane);
            lane.finish(end);
            sealed.seal(lane); // nothing more will be written: even a thread alive at the end
        }
        sealed.compact(timeline.lanes, 0.1); // lanes that took their spans back after their end left slices
        sealed.trimToSize();
        for (Lane carrier : timeline.carriers) {
            Lane thread = threadLane(carrier);
            carrier.rename(thread.name(), names);
            if (thread.ended()) {
                carrier.ended(thread.lifeEnd());
            }
            carrier.finish(end);
        }
        timeline.channels.forEach(Channel::sort);
        // Built here, on the loading thread, so the first zoomed-out frame does not wait for them.
        timeline.lanes.forEach(Lane::summaries);
        timeline.carriers.forEach(Lane::summaries);
        timeline.groups = new LaneGroups().update(timeline);
        assert TimelineInvariants.hold(timeline);
        return timeline;
    }
}
