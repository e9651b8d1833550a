package dev.loomscope.core.model;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One thread's row of the timeline: who the thread is, when it lived, and its spans.
 *
 * <p>Times are nanoseconds since the recording start. A lane covers {@code [lifeStart, lifeEnd)}:
 * from the earliest of the thread's start event and its first other event ({@link #startObserved()}
 * says whether a start event exists at all) to its end event (or the recording end if it never ended: {@link #ended()}). Inside that
 * range, time not covered by a span is in the lane's {@link #gapState()}: for a thread lane that is
 * RUNNING, inferred (no event says it blocked), see {@code docs/states.md}; a carrier lane has no
 * gap state (its gaps are idle time). Except the tail: a thread alive at the end is UNKNOWN from
 * its last event ({@link #tailStart()}) on, since nothing says what it did then.
 *
 * <p>The same class serves carrier lanes, whose spans are the intervals in which the carrier had a
 * virtual thread mounted and whose {@link #spanLink} is that virtual thread's lane (or -1 when the
 * recording does not say which).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Lane {
    private final int id;
    private final long javaThreadId;
    private final boolean virtual;
    private final ThreadState gapState;
    private String name;
    private long osThreadId;

    private long lifeStart = Long.MAX_VALUE;
    private long lifeEnd = Long.MIN_VALUE;
    private boolean startObserved;
    private boolean ended;
    /** False when the recording cannot show this thread's end (see {@link #fateKnown()}). */
    private boolean endObservable = true;
    /** False until some event shows the thread: until then its lifetime is empty, wherever it is. */
    private boolean evidence;
    private long lastSeen = Long.MIN_VALUE;
    private int lastStack = -1;

    final SpanColumns spans = new SpanColumns(4);
    /** Instants at which an execution sample caught the thread on a CPU; sorted by {@link #advance}. */
    /** Null until the first execution sample: most of a million short-lived threads never get one. */
    private SampleTimes samples;
    private LaneSummaries summaries;
    private int summariesVersion = -1;
    private long summariesEnd = Long.MIN_VALUE;

    Lane(int id, long javaThreadId, String name, boolean virtual, long osThreadId, ThreadState gapState) {
        this.id = id;
        this.javaThreadId = javaThreadId;
        this.name = name;
        this.virtual = virtual;
        this.osThreadId = osThreadId;
        this.gapState = gapState;
    }

    public int id() {
        return id;
    }

    public long javaThreadId() {
        return javaThreadId;
    }

    /** The thread's name ({@code ""} for an unnamed virtual thread). */
    public String name() {
        return name;
    }

    /** A label that is never empty: the name, or {@code #tid} for unnamed threads. */
    public String displayName() {
        return name.isEmpty() ? "#" + javaThreadId : name;
    }

    public boolean isVirtual() {
        return virtual;
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
        return startObserved;
    }

    /** True if the thread ended during the recording; false if it was still alive at the end. */
    public boolean ended() {
        return ended;
    }

    /**
     * False if the thread may have ended without the recording saying so: its kind of end event
     * was not recorded (a virtual thread's {@code jdk.VirtualThreadEnd} is off in the JDK's own
     * configurations). Such a lane is not drawn alive to the end: it stops at its last evidence
     * ({@link #lastSeen()}), and whether it lived on is unknown, not "alive, doing something
     * unknown". True for a thread that ended.
     */
    public boolean fateKnown() {
        return ended || endObservable;
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
        return gapState;
    }

    /**
     * Where the unknown tail of a thread still alive begins: its last event. Uncovered time from
     * there on is UNKNOWN, not the gap state. {@link #lifeEnd()} for a thread that ended or a lane
     * without gap state.
     */
    public long tailStart() {
        return ended || gapState == null ? lifeEnd : Math.max(lifeStart, Math.min(lastSeen, lifeEnd));
    }

    public int spanCount() {
        return spans.size();
    }

    public long spanStart(int i) {
        return spans.start(i);
    }

    public long spanEnd(int i) {
        return spans.end(i);
    }

    public ThreadState spanState(int i) {
        return spans.state(i);
    }

    /** True if the span's state was deduced rather than recorded (see {@code docs/states.md}). */
    public boolean spanInferred(int i) {
        return spans.inferred(i);
    }

    /** The span's stack id in the {@link StackTable}, or -1. */
    public int spanStack(int i) {
        return spans.stack(i);
    }

    /**
     * What a span is linked to, by its state: a thread's RUNNING span, the carrier lane it ran on;
     * a BLOCKED_SEND or BLOCKED_RECV span, the {@link Channel#index()} it waited on; a
     * BLOCKED_LOCK span, the lock object ({@link Timeline#blocker}); a carrier lane's span, the
     * thread lane it carried; -1 when the recording does not say.
     */
    public int spanLink(int i) {
        return spans.link(i);
    }

    /** The span containing instant {@code t}, or -1 (a gap, or outside the lifetime). */
    public int spanIndexAt(long t) {
        return spans.indexAt(t);
    }

    /** Index of the first span ending after {@code t}, or {@link #spanCount()}. */
    public int firstSpanEndingAfter(long t) {
        return spans.firstEndingAfter(t);
    }

    /**
     * Since when the thread has been stuck at the end of its lane: the start of the final stretch
     * in which it was blocked (any {@link ThreadState#isBlocked()} state) or unknown (no event);
     * {@link #lifeEnd()} if it was doing something else at the end.
     */
    public long stuckSince() {
        long cursor = lifeEnd;
        long tail = tailStart();
        int i = spans.size() - 1;
        while (cursor > lifeStart) {
            if (i >= 0 && spans.end(i) >= cursor) {
                ThreadState state = spans.state(i);
                if (!state.isBlocked() && state != ThreadState.UNKNOWN) {
                    return cursor;
                }
                cursor = spans.start(i);
                i--;
            } else {
                long gapStart = i >= 0 ? spans.end(i) : lifeStart;
                if (gapState == null || cursor <= tail) {
                    return cursor; // a gap before the tail: the gap state, doing something
                }
                if (gapStart < tail) {
                    return tail;
                }
                cursor = gapStart;
            }
        }
        return lifeStart;
    }

    /** How many execution samples caught the thread on a CPU within {@code [from, to)}. */
    public int samplesIn(long from, long to) {
        return samples == null ? 0 : samples.countIn(from, to);
    }

    /** Index of the first span starting at or after {@code t}, or {@link #spanCount()}. */
    public int firstSpanStartingAtOrAfter(long t) {
        return spans.firstStartingAtOrAfter(t);
    }

    /**
     * The span covering most of {@code [from, to)}, or -1 if none overlaps it: what stands for a
     * pixel of merged spans when a person points at it. Looks at no more than 10 000 spans.
     */
    public int longestSpanIn(long from, long to) {
        int best = -1;
        long bestLength = 0;
        int last = Math.min(spans.firstStartingAtOrAfter(to), spans.firstEndingAfter(from) + 10_000);
        for (int i = spans.firstEndingAfter(from); i < last; i++) {
            long length = Math.min(to, spans.end(i)) - Math.max(from, spans.start(i));
            if (length > bestLength) {
                bestLength = length;
                best = i;
            }
        }
        return best;
    }

    /** What the thread was doing at {@code t}, or null for a carrier lane's idle time. */
    public ThreadState stateAt(long t) {
        if (t < lifeStart) {
            return ThreadState.UNKNOWN;
        }
        if (t >= lifeEnd) {
            return ended ? ThreadState.ENDED : ThreadState.UNKNOWN;
        }
        int i = spans.indexAt(t);
        if (i >= 0) {
            return spans.state(i);
        }
        return t >= tailStart() ? ThreadState.UNKNOWN : gapState;
    }

    /**
     * Adds to {@code totals[state.code()]} the nanoseconds spent in each state within
     * {@code [from, to)} clipped to the lifetime. Gaps count for the gap state (UNKNOWN in the
     * tail); for a thread lane the totals therefore add up to the clipped lifetime exactly.
     */
    public void addStateTotals(long from, long to, long[] totals) {
        long lo = Math.max(from, lifeStart);
        long hi = Math.min(to, lifeEnd);
        if (lo >= hi) {
            return;
        }
        long tail = Math.max(lo, Math.min(hi, tailStart()));
        long coveredBeforeTail = 0;
        long coveredInTail = 0;
        for (int i = spans.firstEndingAfter(lo); i < spans.size() && spans.start(i) < hi; i++) {
            long s = Math.max(lo, spans.start(i));
            long e = Math.min(hi, spans.end(i));
            totals[spans.stateBits(i) & 0x7f] += e - s;
            coveredBeforeTail += Math.max(0, Math.min(e, tail) - s);
            coveredInTail += Math.max(0, e - Math.max(s, tail));
        }
        if (gapState != null) {
            totals[gapState.code()] += (tail - lo) - coveredBeforeTail;
            totals[ThreadState.UNKNOWN.code()] += (hi - tail) - coveredInTail;
        }
    }

    // ---- writing: TimelineWriter only ----

    void rename(String newName) {
        if (newName != null && !newName.isEmpty() && !newName.equals(name)) {
            name = newName; // an equal name from a later chunk is another copy: keep the first
        }
    }

    void osThreadId(long id) {
        if (id != 0) {
            osThreadId = id;
        }
    }

    void started(long t) {
        startObserved = true;
        // JFR writes the start of threads that predate the recording late, after their first
        // events: the earliest evidence wins.
        widenStart(t);
        // The start is evidence like any event: a thread dump that later finds it blocked knows
        // it was last seen here (a platform thread that blocked at once has no other event).
        lastSeen = Math.max(lastSeen, t);
    }

    void ended(long t) {
        ended = true;
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
        lifeStart = evidence ? Math.min(lifeStart, t) : t;
        evidence = true;
    }

    /**
     * A thread dump at {@code at} found the thread {@code dumped} in {@code stackId}, and no event
     * of the thread came between: the blocked span it is in then is that wait. The span gets the
     * dump's stack if it has none, and where it only says "parked", the dump's more precise state
     * (receiving from a queue, waiting for a future), marked inferred. A dump that contradicts the
     * span (a lock where the recording says parked) changes nothing.
     */
    void explainWait(long at, ThreadState dumped, int stackId) {
        int i = at > lifeStart ? spans.indexAt(at - 1) : -1;
        if (i < 0 || spans.stack(i) >= 0) {
            return;
        }
        ThreadState recorded = spans.state(i);
        boolean refines = recorded == ThreadState.WAITING && (dumped == ThreadState.WAITING
                || dumped == ThreadState.BLOCKED_SEND || dumped == ThreadState.BLOCKED_RECV
                || dumped == ThreadState.BLOCKED_FUTURE);
        if (!refines && recorded != dumped) {
            return;
        }
        int bits = dumped == recorded ? spans.stateBits(i) : dumped.code() | SpanColumns.INFERRED;
        spans.refine(i, bits, stackId);
        if (spans.end(i) >= lastSeen) {
            lastStack = stackId;
        }
    }

    /** Whether this thread's end, had it come, would be in the recording. */
    void endObservable(boolean observable) {
        endObservable = observable;
    }

    /** Closes the lifetime of a thread still alive at {@code recordingEnd}. */
    void finish(long recordingEnd) {
        advance(recordingEnd);
        spans.trimToSize();
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
        return spans.dropBefore(t);
    }

    /** Moves the end of a thread still alive to {@code now}: the timeline grew (live) or closed. */
    void advance(long now) {
        if (samples != null) {
            samples.sort();
        }
        if (!evidence) { // named by another thread's event only: nothing says when it lived
            lifeStart = now;
            lifeEnd = now;
            return;
        }
        if (lastSeen == Long.MIN_VALUE) {
            lastSeen = lifeStart;
        }
        // A virtual thread's end event comes before it leaves its carrier (the agent's last
        // unmount): its life lasts as long as the latest evidence of it.
        long lastEvidence = spans.size() == 0 ? lastSeen : Math.max(lastSeen, spans.end(spans.size() - 1));
        lifeEnd = ended ? Math.max(lifeEnd, lastSeen) : endObservable ? Math.max(now, lastSeen) : lastEvidence;
        if (lifeStart > lifeEnd) { // an end event without any earlier evidence of the thread
            lifeStart = lifeEnd;
        }
    }

    /** The level-of-detail pyramid, built on first use and again after the lane changed; null if not needed. */
    LaneSummaries summaries() {
        if (summariesVersion != spans.version() || summariesEnd != lifeEnd) {
            summaries = LaneSummaries.build(this);
            summariesVersion = spans.version();
            summariesEnd = lifeEnd;
        }
        return summaries;
    }

    long retainedBytes() {
        return 64 + (samples == null ? 0 : samples.retainedBytes()) + spans.retainedBytes()
                + (summaries == null ? 0 : summaries.retainedBytes());
    }
}
