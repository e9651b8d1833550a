package dev.loomscope.core.model;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One thread's row of the timeline: who the thread is, when it lived, and its spans.
 *
 * <p>Times are nanoseconds since the recording start. A lane covers {@code [lifeStart, lifeEnd)}:
 * from the earliest of the thread's start event and its first other event ({@link #startObserved()}
 * says whether a start event exists at all) to its end event (or the recording end if it never ended: {@link #ended()}). Inside that
 * range, time not covered by a span is in the lane's {@link #gapState()}, inferred: for a platform
 * thread RUNNING_OR_BRIEFLY_BLOCKED, for a virtual one RUNNING_OR_RUNNABLE (no event says it
 * blocked, nor that it ran), see {@code docs/states.md}; a carrier lane has no
 * gap state (its gaps are idle time). Except the tail: a thread alive at the end is UNKNOWN from
 * its last event ({@link #tailStart()}) on, since nothing says what it did then.
 *
 * <p>The same class serves carrier lanes, whose spans are the intervals in which the carrier had a
 * virtual thread mounted and whose {@link #spanLink} is that virtual thread's lane (or -1 when the
 * recording does not say which).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Lane {
    /** A lane whose spans hold at most this many is {@linkplain #seal sealed} once it ends. */
    static final int SEALED_MAX_SPANS = 16;
    private static final byte VIRTUAL = 1;
    private static final byte START_OBSERVED = 2;
    private static final byte ENDED = 4;
    /** Set when the recording cannot show this thread's end (see {@link #fateKnown()}). */
    private static final byte END_UNOBSERVABLE = 8;
    /** Set once some event shows the thread: until then its lifetime is empty, wherever it is. */
    private static final byte EVIDENCE = 16;

    private final int id;
    private final long javaThreadId;
    /** The {@link #gapState()}'s code, or -1 for none: a byte, not a reference (see #flags). */
    private final byte gapCode;
    /** The name, kept as a prefix shared by the threads named like it and a number (see ThreadNames). */
    private String namePrefix;
    private int nameNumber;
    private long osThreadId;

    private long lifeStart = Long.MAX_VALUE;
    private long lifeEnd = Long.MIN_VALUE;
    private long lastSeen = Long.MIN_VALUE;
    private int lastStack = -1;
    /*
     * Flags, not booleans, and bytes where they do: a million threads' lanes are most of a
     * timeline's heap, and eight bytes a lane are 8 MB.
     */
    private byte flags;

    /*
     * The spans are the lane's own columns while it may be written, or, once sealed, the slice
     * [spanBase, spanBase + sealedCount) of columns shared by every sealed lane of the timeline: a
     * million short-lived threads then cost no columns object and no array headers each. Writing to
     * a sealed lane gives it its own columns again (#spansToWrite).
     */
    private SpanColumns spans = SpanColumns.NONE;
    private int spanBase;
    /** How many spans the sealed slice holds; -1 while the columns are the lane's own. */
    private byte sealedCount;
    /**
     * Instants at which an execution sample caught the thread on a CPU, sorted by {@link #advance};
     * null until the first sample: most of a million short-lived threads never get one.
     */
    private SampleTimes samples;
    /** Null for a lane too small to need them. */
    private LaneSummaries summaries;

    Lane(int id, long javaThreadId, String name, boolean virtual, long osThreadId, ThreadState gapState,
            ThreadNames names) {
        this.id = id;
        this.javaThreadId = javaThreadId;
        this.flags = virtual ? VIRTUAL : 0;
        this.osThreadId = osThreadId;
        this.gapCode = (byte) (gapState == null ? -1 : gapState.code());
        name(name, names);
    }

    public int id() {
        return id;
    }

    public long javaThreadId() {
        return javaThreadId;
    }

    /** The thread's name ({@code ""} for an unnamed virtual thread). */
    public String name() {
        return nameNumber < 0 ? namePrefix : namePrefix + nameNumber;
    }

    /** A label that is never empty: the name, or {@code #tid} for unnamed threads. */
    public String displayName() {
        return namePrefix.isEmpty() && nameNumber < 0 ? "#" + javaThreadId : name();
    }

    /** The name's part before its {@link #nameNumber()}: one string for every thread named alike. */
    String namePrefix() {
        return namePrefix;
    }

    /** The number that ends the name, or -1 (see {@link ThreadNames}). */
    int nameNumber() {
        return nameNumber;
    }

    /** Whether the thread's name is {@code candidate}, without making the name a string. */
    boolean named(String candidate) {
        return ThreadNames.is(candidate, namePrefix, nameNumber);
    }

    public boolean isVirtual() {
        return (flags & VIRTUAL) != 0;
    }

    /** The OS thread id, or 0 when there is none (virtual threads) or it is not known. */
    public long osThreadId() {
        return osThreadId;
    }

    public long lifeStart() {
        return lifeStart;
    }

    public long lifeEnd() {
        return lifeEnd;
    }

    /** True if the recording holds the thread's start; otherwise {@link #lifeStart()} is its first event. */
    public boolean startObserved() {
        return (flags & START_OBSERVED) != 0;
    }

    /** True if the thread ended during the recording; false if it was still alive at the end. */
    public boolean ended() {
        return (flags & ENDED) != 0;
    }

    /**
     * False if the thread may have ended without the recording saying so: its kind of end event
     * was not recorded (a virtual thread's {@code jdk.VirtualThreadEnd} is off in the JDK's own
     * configurations). Such a lane is not drawn alive to the end: it stops at its last evidence
     * ({@link #lastSeen()}), and whether it lived on is unknown, not "alive, doing something
     * unknown". True for a thread that ended.
     */
    public boolean fateKnown() {
        return (flags & (ENDED | END_UNOBSERVABLE)) != END_UNOBSERVABLE;
    }

    /** The time of the thread's last event. */
    public long lastSeen() {
        return lastSeen;
    }

    /** The stack of the thread's last event that had one, or -1: its last known site. */
    public int lastStack() {
        return lastStack;
    }

    /**
     * The state of time within the lifetime that no span covers, before {@link #tailStart()}; null
     * if such time is idle (carrier lanes).
     */
    public ThreadState gapState() {
        return gapCode < 0 ? null : ThreadState.ofCode(gapCode);
    }

    /**
     * Where the unknown tail of a thread still alive begins: its last event. Uncovered time from
     * there on is UNKNOWN, not the gap state. {@link #lifeEnd()} for a thread that ended or a lane
     * without gap state.
     */
    public long tailStart() {
        return ended() || gapCode < 0 ? lifeEnd : Math.max(lifeStart, Math.min(lastSeen, lifeEnd));
    }

    public int spanCount() {
        return sealedCount < 0 ? spans.size() : sealedCount;
    }

    public long spanStart(int i) {
        return spans.start(spanBase + i);
    }

    public long spanEnd(int i) {
        return spans.end(spanBase + i);
    }

    public ThreadState spanState(int i) {
        return spans.state(spanBase + i);
    }

    /** The raw state byte: code plus the {@link SpanColumns#INFERRED} bit. */
    int spanStateBits(int i) {
        return spans.stateBits(spanBase + i);
    }

    /** True if the span's state was deduced rather than recorded (see {@code docs/states.md}). */
    public boolean spanInferred(int i) {
        return spans.inferred(spanBase + i);
    }

    /** The span's stack id in the {@link StackTable}, or -1. */
    public int spanStack(int i) {
        return spans.stack(spanBase + i);
    }

    /**
     * What a span is linked to, by its state: a thread's RUNNING span, the carrier lane it ran on;
     * a BLOCKED_SEND or BLOCKED_RECV span, the {@link Channel#index()} it waited on; a
     * BLOCKED_LOCK span, the lock object ({@link Timeline#blocker}); a carrier lane's span, the
     * thread lane it carried; -1 when the recording does not say.
     */
    public int spanLink(int i) {
        return spans.link(spanBase + i);
    }

    /** The span containing instant {@code t}, or -1 (a gap, or outside the lifetime). */
    public int spanIndexAt(long t) {
        int i = firstSpanEndingAfter(t);
        return i < spanCount() && spanStart(i) <= t ? i : -1;
    }

    /** Index of the first span ending after {@code t}, or {@link #spanCount()}. */
    public int firstSpanEndingAfter(long t) {
        return spans.firstEndingAfter(t, spanBase, spanBase + spanCount()) - spanBase;
    }

    /**
     * Since when the thread has been stuck at the end of its lane: the start of the final stretch
     * in which it was blocked (any {@link ThreadState#isBlocked()} state) or unknown (no event);
     * {@link #lifeEnd()} if it was doing something else at the end.
     */
    public long stuckSince() {
        return LaneScans.stuckSince(this);
    }

    /** How many execution samples caught the thread on a CPU within {@code [from, to)}. */
    public int samplesIn(long from, long to) {
        return samples == null ? 0 : samples.countIn(from, to);
    }

    /** Index of the first span starting at or after {@code t}, or {@link #spanCount()}. */
    public int firstSpanStartingAtOrAfter(long t) {
        return spans.firstStartingAtOrAfter(t, spanBase, spanBase + spanCount()) - spanBase;
    }

    /**
     * The span covering most of {@code [from, to)}, or -1 if none overlaps it: what stands for a
     * pixel of merged spans when a person points at it. Looks at no more than 10 000 spans.
     */
    public int longestSpanIn(long from, long to) {
        return LaneScans.longestSpanIn(this, from, to);
    }

    /** What the thread was doing at {@code t}, or null for a carrier lane's idle time. */
    public ThreadState stateAt(long t) {
        if (t < lifeStart) {
            return ThreadState.UNKNOWN;
        }
        if (t >= lifeEnd) {
            return ended() ? ThreadState.ENDED : ThreadState.UNKNOWN;
        }
        int i = spanIndexAt(t);
        if (i >= 0) {
            return spanState(i);
        }
        return t >= tailStart() ? ThreadState.UNKNOWN : gapState();
    }

    /**
     * Adds to {@code totals[state.code()]} the nanoseconds spent in each state within
     * {@code [from, to)} clipped to the lifetime. Gaps count for the gap state (UNKNOWN in the
     * tail); for a thread lane the totals therefore add up to the clipped lifetime exactly.
     */
    public void addStateTotals(long from, long to, long[] totals) {
        LaneScans.addStateTotals(this, from, to, totals);
    }

    // ---- writing: TimelineWriter only ----

    void rename(String newName, ThreadNames names) {
        if (newName != null && !newName.isEmpty() && !named(newName)) {
            name(newName, names);
        }
    }

    private void name(String name, ThreadNames names) {
        nameNumber = ThreadNames.number(name);
        namePrefix = names.prefix(name, nameNumber < 0 ? name.length() : ThreadNames.prefixLength(name));
    }

    void osThreadId(long id) {
        if (id != 0) {
            osThreadId = id;
        }
    }

    void started(long t) {
        flags |= START_OBSERVED;
        // JFR writes the start of threads that predate the recording late, after their first
        // events: the earliest evidence wins.
        widenStart(t);
        // The start is evidence like any event: a thread dump that later finds it blocked knows
        // it was last seen here (a platform thread that blocked at once has no other event).
        lastSeen = Math.max(lastSeen, t);
    }

    void ended(long t) {
        flags |= ENDED;
        touch(t);
        // Not the end a live refresh gave it while it seemed alive: the end event arrives late.
        lifeEnd = lastSeen;
    }

    void seen(long from, long to, int stack) {
        widenStart(from);
        if (to >= lastSeen) {
            lastSeen = to;
            if (stack >= 0) {
                lastStack = stack;
            }
        }
    }

    /**
     * The thread called {@code Thread.start} in {@code stack} at some instant up to {@code before}
     * (JFR times a start by the new thread's first moment): a site, not a time the thread is known
     * to have been alive at, which it may not have been (parked since, or ended).
     */
    void startedAnother(long before, int stack) {
        if (stack >= 0 && before >= lastSeen) {
            lastStack = stack;
        }
    }

    void sampled(long t) {
        if (samples == null) {
            samples = new SampleTimes();
        }
        samples.add(t);
    }

    private void touch(long t) {
        widenStart(t);
        lastSeen = Math.max(lastSeen, t);
    }

    private void widenStart(long t) {
        lifeStart = (flags & EVIDENCE) != 0 ? Math.min(lifeStart, t) : t;
        flags |= EVIDENCE;
    }

    /** The lane's own columns, to add spans to: a sealed lane's slice is copied out first. */
    SpanColumns spansToWrite() {
        if (sealedCount >= 0) {
            SpanColumns own = new SpanColumns(Math.max(2, sealedCount + 1));
            if (sealedCount > 0) { // rare: a span that came after the thread's end and its sealing
                own.appendSlice(spans, spanBase, spanBase + sealedCount);
            }
            spans = own;
            spanBase = 0;
            sealedCount = -1;
        }
        return spans;
    }

    /**
     * Moves a small lane's spans into {@code shared}, the columns of the timeline's sealed lanes,
     * when they will probably not change any more (the thread ended, or the recording did). A
     * lane with more than {@link #SEALED_MAX_SPANS} keeps its own.
     */
    void seal(SpanColumns shared) {
        int count = spanCount();
        if (count > SEALED_MAX_SPANS || spans == shared) {
            return;
        }
        spanBase = count == 0 ? 0 : shared.appendSlice(spans, spanBase, spanBase + count);
        spans = count == 0 ? SpanColumns.NONE : shared;
        sealedCount = (byte) count;
        summaries = null; // too small to need them
    }

    /** True if the lane's spans are a slice of {@code shared}. */
    boolean sealedIn(SpanColumns shared) {
        return spans == shared;
    }

    /**
     * A thread dump at {@code at} found the thread {@code dumped} in {@code stackId}, and no event
     * of the thread came between: the blocked span it is in then is that wait. The span gets the
     * dump's stack if it has none, and where it only says "parked", the dump's more precise state
     * (receiving from a queue, waiting for a future), marked inferred. A dump that contradicts the
     * span (a lock where the recording says parked) changes nothing.
     */
    void explainWait(long at, ThreadState dumped, int stackId) {
        int i = at > lifeStart ? spanIndexAt(at - 1) : -1;
        if (i < 0 || spanStack(i) >= 0) {
            return;
        }
        ThreadState recorded = spanState(i);
        boolean refines = recorded == ThreadState.WAITING && (dumped == ThreadState.WAITING
                || dumped == ThreadState.BLOCKED_SEND || dumped == ThreadState.BLOCKED_RECV
                || dumped == ThreadState.BLOCKED_FUTURE);
        if (!refines && recorded != dumped) {
            return;
        }
        int bits = dumped == recorded ? spanStateBits(i) : dumped.code() | SpanColumns.INFERRED;
        spansToWrite().refine(i, bits, stackId);
        if (spanEnd(i) >= lastSeen) {
            lastStack = stackId;
        }
    }

    /** Whether this thread's end, had it come, would be in the recording. */
    void endObservable(boolean observable) {
        flags = (byte) (observable ? flags & ~END_UNOBSERVABLE : flags | END_UNOBSERVABLE);
    }

    /** Closes the lifetime of a thread still alive at {@code recordingEnd}. */
    void finish(long recordingEnd) {
        advance(recordingEnd);
        if (sealedCount < 0) {
            spans.trimToSize();
        }
    }

    /**
     * Forgets the lane before {@code t} (a live window moving on): its spans are cut there and its
     * lifetime starts there at the earliest. Returns how many spans went.
     */
    int dropBefore(long t) {
        if (lifeStart != Long.MAX_VALUE && lifeStart < t) {
            lifeStart = Math.min(t, Math.max(lifeEnd, lifeStart));
        }
        if (samples != null) {
            samples.dropBefore(t);
        }
        int count = spanCount();
        if (sealedCount >= 0 && (count == 0 || spanEnd(count - 1) <= t)) {
            spans = SpanColumns.NONE; // all of a sealed slice went: nothing to copy
            spanBase = 0;
            sealedCount = 0;
            return count;
        }
        if (count == 0 || spanStart(0) >= t) {
            return 0;
        }
        int dropped = spansToWrite().dropBefore(t);
        if (spans.size() == 0) {
            spans = SpanColumns.NONE; // a live session keeps a million emptied lanes: without columns
            sealedCount = 0;
        }
        return dropped;
    }

    /** Moves the end of a thread still alive to {@code now}: the timeline grew (live) or closed. */
    void advance(long now) {
        if (samples != null) {
            samples.sort();
        }
        if ((flags & EVIDENCE) == 0) { // named by another thread's event only: nothing says when it lived
            lifeStart = now;
            lifeEnd = now;
            return;
        }
        if (lastSeen == Long.MIN_VALUE) {
            lastSeen = lifeStart;
        }
        // A virtual thread's end event comes before it leaves its carrier (the agent's last
        // unmount): its life lasts as long as the latest evidence of it.
        int count = spanCount();
        long lastEvidence = count == 0 ? lastSeen : Math.max(lastSeen, spanEnd(count - 1));
        lifeEnd = ended() ? Math.max(lifeEnd, lastSeen) : fateKnown() ? Math.max(now, lastSeen) : lastEvidence;
        if (lifeStart > lifeEnd) { // an end event without any earlier evidence of the thread
            lifeStart = lifeEnd;
        }
    }

    /** The level-of-detail pyramid, built on first use and again after the lane changed; null if not needed. */
    LaneSummaries summaries() {
        if (sealedCount >= 0) {
            return null; // sealed lanes are far too small to need one
        }
        if (summaries == null || !summaries.current(spans.version(), lifeEnd)) {
            summaries = LaneSummaries.build(this, spans.version());
        }
        return summaries;
    }

    long retainedBytes() {
        long spanBytes = sealedCount < 0 ? spans.retainedBytes() : sealedCount * 25L;
        return 88 + (samples == null ? 0 : samples.retainedBytes()) + spanBytes
                + (summaries == null ? 0 : summaries.retainedBytes());
    }
}
