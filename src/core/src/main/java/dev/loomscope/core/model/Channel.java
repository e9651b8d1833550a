package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.BitSet;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One blocking queue of the program, as the agent saw it (tier 1): its class, capacity, where it
 * was created, and every operation on it, column by column in the order they ended. The
 * operations give its occupancy over time and its blocked senders and receivers; "who unblocked
 * me" is the counterpart operation that made room (or brought an item) just before a blocked one
 * returned.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Channel {
    /** Operation kinds. */
    public enum Op {
        SEND, RECEIVE;

        public boolean isSend() {
            return this == SEND;
        }
    }

    /**
     * An operation that took this long blocked (waited for room or for an item) rather than just
     * ran; shorter ones are not drawn as waits. The same bar applies to every traced blocking call.
     */
    public static final long BLOCKED_NANOS = 50_000;

    /** The class and capacity of a queue whose creation event the recording lacks ({@link #describe}). */
    static final String UNKNOWN_CLASS = "?";
    static final int UNKNOWN_CAPACITY = -1;

    private final int index;
    private final long agentId;
    private String className;
    private int capacity;
    private int createdStack = -1;
    private long createdAt = Long.MIN_VALUE;

    private int[] waiterLane = new int[4];
    private byte[] waiterOp = new byte[4];
    private long[] waiterAt = new long[4];
    private int waiters;

    private long[] start = new long[16];
    private long[] end = new long[16];
    private int[] lane = new int[16];
    private byte[] op = new byte[16];
    private int[] sizeAfter = new int[16];
    private boolean[] success = new boolean[16];
    private int size;
    private long longest;
    private boolean sorted = true;
    private int sortedUpTo;

    Channel(int index, long agentId, String className, int capacity) {
        this.index = index;
        this.agentId = agentId;
        this.className = className;
        this.capacity = capacity;
    }

    /** Its position in {@link Timeline#channels()}, the value blocked spans link to. */
    public int index() {
        return index;
    }

    /** The agent's id for the queue: stable for its lifetime, never reused. */
    public long agentId() {
        return agentId;
    }

    /**
     * Names the queue's class and capacity, once: the agent's operations carry only the queue's id;
     * its ChannelCreated (at creation, and again in each chunk that uses it) says what it is.
     */
    void describe(String className, int capacity) {
        if (this.className.equals(UNKNOWN_CLASS)) {
            this.className = className;
            this.capacity = capacity;
        }
    }

    /** Its class; {@code "?"} when the recording does not say. */
    public String className() {
        return className;
    }

    /** The short class name, as people say it ({@code ArrayBlockingQueue}). */
    public String simpleName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /**
     * Its capacity: {@link Integer#MAX_VALUE} unbounded, 0 for a {@code SynchronousQueue}, negative
     * when the recording does not say ({@link #capacityKnown}).
     */
    public int capacity() {
        return capacity;
    }

    public boolean capacityKnown() {
        return capacity >= 0;
    }

    /** Known to be bounded: false for an unbounded queue and for one whose capacity is not known. */
    public boolean bounded() {
        return capacityKnown() && capacity != Integer.MAX_VALUE;
    }

    /** The stack that created it, or -1 when the agent saw it only later. */
    public int createdStack() {
        return createdStack;
    }

    public long createdAt() {
        return createdAt;
    }

    public int opCount() {
        return size;
    }

    public long opStart(int i) {
        return start[i];
    }

    public long opEnd(int i) {
        return end[i];
    }

    /** The lane of the thread that did operation {@code i}. */
    public int opLane(int i) {
        return lane[i];
    }

    public Op op(int i) {
        return Op.values()[op[i]];
    }

    /** The queue's size right after operation {@code i}. */
    public int sizeAfter(int i) {
        return sizeAfter[i];
    }

    /** Whether operation {@code i} blocked ({@link #BLOCKED_NANOS}). */
    public boolean blocked(int i) {
        return end[i] - start[i] >= BLOCKED_NANOS;
    }

    /** The longest operation's duration: how far before a time range an operation overlapping it can start. */
    public long longestOp() {
        return longest;
    }

    /**
     * The threads that could have unblocked operation {@code i}: those whose successful
     * counterpart operations (receives for a send, sends for a receive) ended while it waited.
     */
    public BitSet couldUnblock(int i) {
        BitSet lanes = new BitSet();
        Op wanted = op(i).isSend() ? Op.RECEIVE : Op.SEND;
        for (int k = firstEndingAtOrAfter(start[i]); k < size && end[k] <= end[i]; k++) {
            if (op(k) == wanted && success[k] && lane[k] != lane[i]) {
                lanes.set(lane[k]);
            }
        }
        return lanes;
    }

    /** The lanes of the threads that ever did {@code op} on this channel and got through. */
    public BitSet lanesThatDid(Op op) {
        BitSet lanes = new BitSet();
        for (int i = 0; i < size; i++) {
            if (op(i) == op && success[i]) {
                lanes.set(lane[i]);
            }
        }
        return lanes;
    }

    /** False for a timed offer or poll that gave up. */
    public boolean succeeded(int i) {
        return success[i];
    }

    /**
     * The operation that let blocked operation {@code i} return: for a send, the latest successful
     * receive that ended before it did (it made the room); for a receive, the latest successful
     * send. -1 when there is none (it timed out, or the counterpart is not recorded).
     */
    public int unblockerOf(int i) {
        Op wanted = op(i).isSend() ? Op.RECEIVE : Op.SEND;
        for (int k = i - 1; k >= 0; k--) {
            if (op(k) == wanted && success[k] && end[k] <= end[i] && lane[k] != lane[i]) {
                return k;
            }
        }
        return -1;
    }

    /** The operation of lane {@code laneId} that covers instant {@code t}, or -1. */
    public int opAt(int laneId, long t) {
        // Sorted by end, an operation covering t ends no later than t plus the longest one.
        for (int i = firstEndingAtOrAfter(t); i < size && end[i] - longest <= t; i++) {
            if (lane[i] == laneId && start[i] <= t) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The operation of lane {@code laneId} a click at {@code t} means: the one covering it, else the
     * one ending nearest to it within {@code slack} nanoseconds (short operations are a pixel wide),
     * or -1.
     */
    public int opNear(int laneId, long t, long slack) {
        int covering = opAt(laneId, t);
        if (covering >= 0) {
            return covering;
        }
        int best = -1;
        for (int i = firstEndingAtOrAfter(t - slack); i < size && end[i] <= t + slack; i++) {
            if (lane[i] == laneId && (best < 0 || Math.abs(end[i] - t) < Math.abs(end[best] - t))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * How many threads were seen inside an operation on this channel at the end of a chunk (the
     * agent's {@code ChannelWaiting}): the only trace of an operation that never returned.
     */
    public int waiterCount() {
        return waiters;
    }

    public int waiterLane(int w) {
        return waiterLane[w];
    }

    public Op waiterOp(int w) {
        return Op.values()[waiterOp[w]];
    }

    /** The latest chunk end at which the thread was still inside the operation. */
    public long waiterAt(int w) {
        return waiterAt[w];
    }

    /** Whether lane {@code laneId} finished an operation on this channel after {@code t}. */
    public boolean returnedAfter(int laneId, long t) {
        for (int i = firstEndingAtOrAfter(t + 1); i < size; i++) {
            if (lane[i] == laneId) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first operation ending at or after {@code t}, or {@link #opCount()}. */
    public int firstEndingAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ---- writing: TimelineWriter only ----

    void created(long t, int stack) {
        createdAt = t;
        createdStack = stack;
    }

    void waiting(int laneId, Op kind, long at) {
        for (int w = 0; w < waiters; w++) {
            if (waiterLane[w] == laneId && waiterOp[w] == kind.ordinal()) {
                waiterAt[w] = Math.max(waiterAt[w], at);
                return;
            }
        }
        if (waiters == waiterLane.length) {
            waiterLane = Arrays.copyOf(waiterLane, waiters * 2);
            waiterOp = Arrays.copyOf(waiterOp, waiters * 2);
            waiterAt = Arrays.copyOf(waiterAt, waiters * 2);
        }
        waiterLane[waiters] = laneId;
        waiterOp[waiters] = (byte) kind.ordinal();
        waiterAt[waiters] = at;
        waiters++;
    }

    void add(long from, long to, int laneId, Op kind, int sizeNow, boolean ok) {
        if (size == start.length) {
            int capacityNow = size * 2;
            start = Arrays.copyOf(start, capacityNow);
            end = Arrays.copyOf(end, capacityNow);
            lane = Arrays.copyOf(lane, capacityNow);
            op = Arrays.copyOf(op, capacityNow);
            sizeAfter = Arrays.copyOf(sizeAfter, capacityNow);
            success = Arrays.copyOf(success, capacityNow);
        }
        if (size > 0 && to < end[size - 1]) {
            sorted = false;
        }
        start[size] = from;
        end[size] = to;
        longest = Math.max(longest, to - from);
        lane[size] = laneId;
        op[size] = (byte) kind.ordinal();
        sizeAfter[size] = sizeNow;
        success[size] = ok;
        size++;
    }

    /**
     * Puts the operations in the order they ended (JFR delivers them out of order). Operations up
     * to {@code sortedUpTo} are in order already: only the ones added since are sorted, then the
     * two runs merged, so a live session pays for what arrived, not for the whole history.
     */
    void sort() {
        if (sorted) {
            sortedUpTo = size;
            return;
        }
        Integer[] tail = new Integer[size - sortedUpTo];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = sortedUpTo + i;
        }
        Arrays.sort(tail, (a, b) -> Long.compare(end[a], end[b]));
        int[] order = new int[size];
        int p = 0;
        int q = 0;
        for (int i = 0; i < size; i++) {
            boolean fromPrefix = q == tail.length || (p < sortedUpTo && end[p] <= end[tail[q]]);
            order[i] = fromPrefix ? p++ : tail[q++];
        }
        permute(order);
        sorted = true;
        sortedUpTo = size;
    }

    private void permute(int[] order) {
        long[] s = new long[start.length];
        long[] e = new long[start.length];
        int[] l = new int[start.length];
        byte[] o = new byte[start.length];
        int[] z = new int[start.length];
        boolean[] ok = new boolean[start.length];
        for (int i = 0; i < size; i++) {
            int k = order[i];
            s[i] = start[k];
            e[i] = end[k];
            l[i] = lane[k];
            o[i] = op[k];
            z[i] = sizeAfter[k];
            ok[i] = success[k];
        }
        start = s;
        end = e;
        lane = l;
        op = o;
        sizeAfter = z;
        success = ok;
    }

    /** Forgets the operations that ended before {@code t} (a live session's window). Call sorted. */
    void dropBefore(long t) {
        int keepFrom = firstEndingAtOrAfter(t);
        if (keepFrom == 0) {
            return;
        }
        int kept = size - keepFrom;
        System.arraycopy(start, keepFrom, start, 0, kept);
        System.arraycopy(end, keepFrom, end, 0, kept);
        System.arraycopy(lane, keepFrom, lane, 0, kept);
        System.arraycopy(op, keepFrom, op, 0, kept);
        System.arraycopy(sizeAfter, keepFrom, sizeAfter, 0, kept);
        System.arraycopy(success, keepFrom, success, 0, kept);
        size = kept;
        sortedUpTo = Math.max(0, sortedUpTo - keepFrom);
    }
}
