package dev.loomscope.core.jfr;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.RecordingWarning;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.WaitClassifier;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.threaddump.DumpMerge;
import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpText;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import org.apiguardian.api.API;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Turns JFR events into timeline facts, one event at a time, whatever their order: the tier-0
 * rules of {@code docs/states.md}.
 *
 * <p>Nothing of an event is kept once {@link #accept} returns: its thread becomes a lane id, its
 * stack a stack id, its times two longs. Lookups that would otherwise cost a map probe with a
 * string per event (event type, thread, traced method) are cached by object identity, since the
 * JFR parser shares those objects within a chunk.
 */
@API(status = INTERNAL, since = "0.1")
public final class EventInterpreter {
    /**
     * How far behind the newest complete instant the held-back facts may be {@linkplain #settle
     * settled}: the agent's batched runs arrive out of order by up to this much.
     */
    public static final long SETTLE_NANOS = 2_000_000_000L;
    /** A traced queue or future call shorter than this did not block; it is not drawn as a wait. */
    static final long MIN_BLOCKING_CALL_NANOS = Channel.BLOCKED_NANOS;
    private static final int IDENTITY_CACHE_LIMIT = 1 << 16;

    private final TimelineWriter writer;
    private final StackInterner stacks;
    private final WaitClassifier classifier;
    private final long originEpochNanos;

    private final EventTypes types = new EventTypes();
    private final ThreadLaneCache lanes = new ThreadLaneCache();
    private final Map<RecordedMethod, TracedMethod> tracedMethods = new IdentityHashMap<>();
    private final AgentEvents agent;
    /** Text thread dumps, noted once the events before them are read (they are about those threads). */
    private final java.util.List<ThreadDump> dumps = new java.util.ArrayList<>();
    /** Tier-0 carrier intervals, written only if no agent scheduling event shows up (it is exact). */
    private final CarrierTraces carrierTraces = new CarrierTraces();
    private long latestEnd;
    private final ThreadFields threadFields = new ThreadFields();

    public EventInterpreter(TimelineWriter writer, long originEpochNanos) {
        this.writer = writer;
        this.stacks = new StackInterner(writer.stacks());
        this.classifier = new WaitClassifier(writer.stacks());
        this.agent = new AgentEvents(writer, stacks, types, classifier, this::lane);
        this.originEpochNanos = originEpochNanos;
    }

    public void accept(RecordedEvent event) {
        EventKind kind = types.enter(event);
        long start = nanos(event.getStartTime());
        long end = Math.max(start, nanos(event.getEndTime()));
        latestEnd = Math.max(latestEnd, end);
        switch (kind) {
            case THREAD_START -> threadStarted(event, start);
            case THREAD_END -> threadEnded(event, start);
            case VIRTUAL_THREAD_START -> virtualThreadStarted(event, start);
            case VIRTUAL_THREAD_END -> virtualThreadEnded(event, start);
            case PARK -> timedBlock(event, start, end, ThreadState.WAITING, true);
            case MONITOR_ENTER -> monitorEnter(event, start, end);
            case MONITOR_WAIT -> monitorWait(event, start, end);
            case SLEEP -> timedBlock(event, start, end, ThreadState.SLEEPING, false);
            case PINNED -> blocked(event, start, end, ThreadState.PINNED, false);
            case IO -> blocked(event, start, end, ThreadState.IO, false);
            case METHOD_TRACE -> methodTrace(event, start, end);
            case EXECUTION_SAMPLE -> sampled(event, start);
            case AGENT_CARRIER_RUNS, AGENT_BLOCK_BEGIN, AGENT_BLOCK_BEGIN_AT_SITE, AGENT_CALL_SITE, AGENT_STATUS,
                 AGENT_CHANNEL_WAITING, AGENT_CHANNEL_OP, AGENT_CHANNEL_CREATED, AGENT_FUTURE_CREATED,
                 AGENT_FUTURE_CREATED_AT_SITE, AGENT_FUTURE_EDGE, AGENT_FUTURE_COMPLETED, AGENT_FUTURE_OBSERVED,
                 AGENT_FUTURE_CONTINUATION, AGENT_FUTURE_BATCH -> agent.accept(kind, event, start, end);
            case SYSTEM_PROPERTY -> {
                String key = event.getString("key");
                if (key != null && key.startsWith("jdk.virtualThreadScheduler.")) {
                    writer.fact(key, event.getString("value"));
                }
            }
            case CPU_INFORMATION -> writer.fact("cpus", String.valueOf(event.getInt("hwThreads")));
            case THREAD_DUMP -> dumps.add(ThreadDumpText.parse(event.getString("result"), event.getStartTime()));
            case OLD_OBJECT_SAMPLE -> allocated(event);
            case MEASURED_BY_JFR -> { }
            case OTHER -> seen(event, start, end);
        }
    }

    /** Event counts by type name, in first-seen order. */
    public Map<String, Long> counts() {
        return types.counts();
    }

    /** The end of the latest event read, in timeline nanoseconds. */
    public long latestEnd() {
        return latestEnd;
    }

    private void threadStarted(RecordedEvent event, long t) {
        int lane = lane(event.getThread("thread"));
        if (lane >= 0) {
            writer.started(lane, t);
        }
        // The stack is the parent's, at its call to start(); the time is the new thread's first
        // moment, by when the parent may have parked or ended: a site of the parent, not a time it
        // was seen (taken as one, it drew a parent parked in join running until its child began).
        // When a virtual thread started it (a pool worker created on its unpark), JFR names the
        // carrier as the parent but the stack is the virtual thread's: not the carrier's site.
        int parent = event.hasField("parentThread") ? lane(event.getThread("parentThread")) : -1;
        RecordedStackTrace stack = types.stack(event);
        if (parent >= 0 && !ranInVirtualThread(stack)) {
            writer.startedAnother(parent, t, stacks.intern(stack));
        }
    }

    /** Whether {@code stack} is a virtual thread's: it has the frame every virtual thread runs in. */
    private static boolean ranInVirtualThread(RecordedStackTrace stack) {
        if (stack == null) {
            return false;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            RecordedMethod method = frame.getMethod();
            if (method != null && method.getName().equals("run")
                    && method.getType().getName().equals("java.lang.VirtualThread")) {
                return true;
            }
        }
        return false;
    }

    private void threadEnded(RecordedEvent event, long t) {
        RecordedThread ended = event.getThread("thread");
        int lane = lane(ended != null ? ended : types.thread(event));
        if (lane >= 0) {
            writer.ended(lane, t);
        }
    }

    private void virtualThreadStarted(RecordedEvent event, long t) {
        int lane = virtualLane(event);
        if (lane >= 0) {
            writer.started(lane, t);
            writer.seen(lane, t, t, stacks.intern(types.stack(event)));
        }
    }

    private void virtualThreadEnded(RecordedEvent event, long t) {
        int lane = virtualLane(event);
        if (lane >= 0) {
            writer.ended(lane, t);
        }
    }

    /** The virtual thread an event is about: its event thread, or the one its {@code javaThreadId} names. */
    private int virtualLane(RecordedEvent event) {
        RecordedThread thread = types.thread(event);
        if (thread != null && threadFields.isVirtual(thread)) {
            return lane(thread);
        }
        long id = types.javaThreadId(event);
        return id > 0 ? writer.lane(id, "", true, 0) : -1;
    }

    private void blocked(RecordedEvent event, long start, long end, ThreadState state, boolean classify) {
        int lane = lane(types.thread(event));
        if (lane < 0) {
            return;
        }
        int stack = stacks.intern(types.stack(event));
        ThreadState actual = classify ? classifier.classify(stack, state) : state;
        writer.span(lane, start, end, actual, false, stack, -1);
    }

    /**
     * A sleep or park, which says what it asked for ({@link EventTypes#limitNanos}): a virtual thread's
     * sleep lasts until it is back on a carrier, so its duration includes that wait.
     */
    private void timedBlock(RecordedEvent event, long start, long end, ThreadState state, boolean classify) {
        int lane = lane(types.thread(event));
        if (lane < 0) {
            return;
        }
        int stack = stacks.intern(types.stack(event));
        ThreadState actual = classify ? classifier.classify(stack, state) : state;
        writer.timedBlock(lane, start, end, types.limitNanos(event), actual, stack,
                actual == ThreadState.BLOCKED_LOCK ? lock(event, "parkedClass", false) : -1);
    }

    /** A platform thread blocked entering a monitor: the monitor is the lock it waited on. */
    private void monitorEnter(RecordedEvent event, long start, long end) {
        int lane = lane(types.thread(event));
        if (lane >= 0) {
            writer.span(lane, start, end, ThreadState.BLOCKED_LOCK, false, stacks.intern(types.stack(event)),
                    lock(event, "monitorClass", true));
        }
    }

    /** The lock object an event names by {@code address} and a class field, or -1. */
    private int lock(RecordedEvent event, String classField, boolean monitor) {
        long address = event.hasField("address") ? event.getLong("address") : 0;
        if (address == 0) {
            return -1;
        }
        jdk.jfr.consumer.RecordedClass type = event.hasField(classField) ? event.getClass(classField) : null;
        return writer.blocker(address, type == null ? null : type.getName(), monitor);
    }

    private void monitorWait(RecordedEvent event, long start, long end) {
        RecordedThread thread = types.thread(event);
        // On a virtual thread this event's start is the wake-up and its stack is empty (JDK 25):
        // it says nothing about the wait.
        if (thread != null && !threadFields.isVirtual(thread)) {
            blocked(event, start, end, ThreadState.WAITING, false);
        }
    }

    private void methodTrace(RecordedEvent event, long start, long end) {
        RecordedThread thread = types.thread(event);
        int lane = lane(thread);
        if (lane < 0) {
            return;
        }
        RecordedMethod method = event.getValue("method");
        TracedMethod traced = method == null ? TracedMethod.OTHER : tracedMethods.get(method);
        if (traced == null) {
            if (tracedMethods.size() >= IDENTITY_CACHE_LIMIT) {
                tracedMethods.clear();
            }
            traced = TracedMethod.of(method.getType().getName(), method.getName());
            tracedMethods.put(method, traced);
        }
        switch (traced) {
            case RUN_CONTINUATION -> {
                if (!threadFields.isVirtual(thread)) {
                    carrierTraces.add(lane, start, end);
                }
                writer.seen(lane, start, end, -1);
            }
            case VIRTUAL_THREAD_PARK -> blocked(event, start, end, ThreadState.WAITING, true);
            case SEND, RECEIVE, FUTURE_WAIT -> {
                int stack = stacks.internCalling(types.stack(event), method);
                if (end - start >= MIN_BLOCKING_CALL_NANOS) {
                    writer.span(lane, start, end, traced.state(), false, stack, -1);
                } else {
                    writer.seen(lane, start, end, stack);
                }
            }
            case OTHER -> writer.seen(lane, start, end, stacks.intern(types.stack(event)));
        }
    }

    /** The agent's last reported status ({@link AgentStatus#ABSENT} without an agent). */
    public AgentStatus agentStatus() {
        return agent.status();
    }

    /**
     * What the events read so far say of the recording itself (the agent's status, events JFR
     * lost, runs the agent could not record), worded alike for a file and a live session.
     */
    public List<RecordingWarning> contentWarnings() {
        return RecordingWarning.fromContent(agentStatus(), counts(), agent.runsLost());
    }

    /**
     * Writes the facts that needed events from later in the stream, up to {@code until} (live):
     * the agent's scheduling, replayed in order, or else the carrier intervals method tracing gave.
     */
    public void settle(long until) {
        noteDumps(until);
        agent.settle(until);
        carrierTraces.writeBefore(until, agent.exactCarriers() ? null : writer);
    }

    /** As {@link #settle}, for everything; threads still alive run to {@code end}. */
    public void finish(long end) {
        noteDumps(Long.MAX_VALUE);
        agent.finish(end);
        carrierTraces.writeBefore(Long.MAX_VALUE, agent.exactCarriers() ? null : writer);
    }

    private void noteDumps(long until) {
        dumps.removeIf(dump -> {
            boolean due = nanos(dump.time()) < until;
            if (due) {
                DumpMerge.note(dump, writer, originEpochNanos);
            }
            return due;
        });
    }

    private void sampled(RecordedEvent event, long t) {
        int lane = lane(event.getThread("sampledThread"));
        if (lane >= 0) {
            writer.sampled(lane, t, stacks.intern(types.stack(event)));
        }
    }

    /**
     * A live object's allocation, sampled: committed when the recording ends (or is dumped) on
     * behalf of the thread that allocated it, long before. It is evidence of that thread at its
     * {@code allocationTime}, not at the event's time: read as the latter, it made a platform thread
     * blocked for good look active at the end, and the never-completed and leak findings dropped it
     * (some runs only: the sampler picks allocations at random).
     */
    private void allocated(RecordedEvent event) {
        int lane = lane(types.thread(event));
        if (lane >= 0 && event.hasField("allocationTime")) {
            long t = nanos(event.getInstant("allocationTime"));
            if (t >= 0) {                               // allocated before the recording: nothing to see in it
                writer.seen(lane, t, t, stacks.intern(types.stack(event)));
            }
        }
    }

    private void seen(RecordedEvent event, long start, long end) {
        int lane = lane(types.thread(event));
        if (lane >= 0) {
            writer.seen(lane, start, end, stacks.intern(types.stack(event)));
        }
    }

    private int lane(RecordedThread thread) {
        if (thread == null) {
            return -1;
        }
        int cached = lanes.get(thread);
        if (cached != ThreadLaneCache.MISSING) {
            return cached;
        }
        long id = threadFields.javaThreadId(thread);
        // Threads without a Java id are the VM's own (GC, compiler): not part of the program.
        int lane = id > 0 ? writer.lane(id, threadFields.javaName(thread), threadFields.isVirtual(thread),
                threadFields.osThreadId(thread)) : -1;
        lanes.put(thread, lane);
        return lane;
    }

    private long nanos(Instant t) {
        return Math.max(0, t.getEpochSecond() * 1_000_000_000L + t.getNano() - originEpochNanos);
    }
}
