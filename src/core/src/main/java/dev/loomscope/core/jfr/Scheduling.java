package dev.loomscope.core.jfr;

import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.TimelineWriter;
import dev.loomscope.core.model.WaitClassifier;

import java.util.Arrays;

/**
 * Exact virtual-thread scheduling from the agent's events (tier 1, {@code docs/events.md}: its
 * batched runs, each a submit, a mount and an unmount, and its BlockBegins): for each virtual
 * thread, RUNNABLE from its submit to its mount, RUNNING on a named carrier from mount
 * to unmount, then blocked (in the state its {@code BlockBegin} stack or unmount reason says) until
 * its next submit; and each carrier's busy intervals naming the virtual thread.
 *
 * <p>Events are collected first and replayed per virtual thread in time order, because JFR does
 * not deliver them in order. {@link #settle} replays everything before a point the stream has
 * passed for good (live), {@link #finish} the rest; what each thread was doing at the last replayed
 * instant carries over to the next replay.
 */
final class Scheduling {
    static final int SUBMIT = 0;
    static final int MOUNT = 1;
    static final int BLOCK_BEGIN = 2;
    static final int UNMOUNT = 3;

    /** Why a run ended (an unmount's reason), as {@link CarrierRuns} reads the agent's codes. */
    static final int PARK = 1;
    static final int YIELD = 2;
    static final int MONITOR = 3;
    static final int WAIT = 4;
    static final int END = 5;
    static final int OTHER = 0;

    private final TimelineWriter writer;
    private final WaitClassifier classifier;
    private final CarrierIntervals runs;
    private final BlockSites sites;

    // The pending events, columnar: time, the virtual thread's lane, kind, and an argument
    // (the carrier lane of a mount or unmount, the stack of a block or its agent site as
    // atSite codes it, or -1), the reason of an unmount and the waker of a submit.
    private long[] time = new long[1024];
    private int[] lane = new int[1024];
    private byte[] kind = new byte[1024];
    private int[] arg = new int[1024];
    private int[] reasonOf = new int[1024];
    /** A submit's waker, as the agent gives it: a thread id, made a lane when replayed (0: none). */
    private long[] wakerId = new long[1024];
    private int size;

    // Per virtual-thread lane, what it was doing at the last replayed instant.
    private long[] since = new long[64];
    private byte[] doing = new byte[64];
    private int[] carrier = new int[64];
    private int[] blockStack = new int[64];
    private int[] blockedState = new int[64];
    /** What a blocked span links: the unnamed monitor of a monitor block, else -1. */
    private int[] blockLink = new int[64];
    /** Who made a RUNNABLE span runnable: its submit's waker lane, or -1 (the span's link). */
    private int[] waker = new int[64];

    private static final byte NOTHING = 0;
    private static final byte RUNNABLE = 1;
    private static final byte RUNNING = 2;
    private static final byte BLOCKED = 3;

    Scheduling(TimelineWriter writer, WaitClassifier classifier, CarrierIntervals runs, BlockSites sites) {
        this.writer = writer;
        this.classifier = classifier;
        this.runs = runs;
        this.sites = sites;
        Arrays.fill(blockStack, -1); // 0 is a stack id: a park with no BlockBegin before it has no site
    }

    /** A BlockBegin's argument for a park at the agent's blocking call site {@code site}: resolved when replayed. */
    static int atSite(long site) {
        return BlockSites.valid(site) ? (int) (-2 - site) : -1;
    }

    void add(int kindOf, int virtualLane, long t, int argument, int reason) {
        if (size == time.length) {
            int capacity = size * 2;
            time = Arrays.copyOf(time, capacity);
            lane = Arrays.copyOf(lane, capacity);
            kind = Arrays.copyOf(kind, capacity);
            arg = Arrays.copyOf(arg, capacity);
            reasonOf = Arrays.copyOf(reasonOf, capacity);
            wakerId = Arrays.copyOf(wakerId, capacity);
        }
        time[size] = t;
        lane[size] = virtualLane;
        kind[size] = (byte) kindOf;
        arg[size] = argument;
        reasonOf[size] = reason;
        wakerId[size] = 0;
        size++;
    }

    /**
     * The virtual thread was handed to its scheduler at {@code t} by the thread of id {@code waker}
     * (0: not known). The waker is looked up when replayed: by then the runs that name it, which JFR
     * may deliver later, have been read.
     */
    void submitted(int virtualLane, long t, long waker) {
        add(SUBMIT, virtualLane, t, -1, 0);
        wakerId[size - 1] = waker;
    }

    /**
     * Replays the events before {@code until}; later ones wait for the next replay. In time order
     * across threads, not thread by thread: each run is written into its carrier's lane, and runs
     * arriving in time order are appended there, where thread by thread each was inserted in the
     * middle of a lane of a million runs, moving the rest (a fan-out's 1.5 million threads: 13 s to
     * a few minutes, the copying alone).
     */
    void settle(long until) {
        int[] due = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (time[i] < until) {
                due[n++] = i;
            }
        }
        sort(due, new int[n], 0, n);
        for (int k = 0; k < n; k++) {
            replay(due[k]);
        }
        compact(until);
    }

    /**
     * Sorts pending events {@code order[lo, hi)} by time, thread and kind, keeping the arrival
     * order of ties: a merge sort of indices, so that a million events cost no object each.
     */
    private void sort(int[] order, int[] buffer, int lo, int hi) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int e = order[i];
                int j = i;
                for (; j > lo && before(e, order[j - 1]); j--) {
                    order[j] = order[j - 1];
                }
                order[j] = e;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sort(order, buffer, lo, mid);
        sort(order, buffer, mid, hi);
        if (!before(order[mid], order[mid - 1])) {
            return; // already in order, as JFR mostly delivers them
        }
        System.arraycopy(order, lo, buffer, lo, hi - lo);
        int left = lo;
        int right = mid;
        for (int k = lo; k < hi; k++) {
            order[k] = right < hi && (left >= mid || before(buffer[right], buffer[left])) ? buffer[right++] : buffer[left++];
        }
    }

    /** Whether pending event {@code a} replays strictly before {@code b}. */
    private boolean before(int a, int b) {
        return time[a] != time[b] ? time[a] < time[b] : lane[a] != lane[b] ? lane[a] < lane[b] : kind[a] < kind[b];
    }

    /** Replays everything, and closes what every still-alive thread was doing at {@code end}. */
    void finish(long end) {
        settle(Long.MAX_VALUE);
        for (int v = 0; v < doing.length; v++) {
            if (doing[v] != NOTHING && !writer.timeline().lane(v).ended()) {
                close(v, end);
            }
        }
    }

    private void replay(int i) {
        int v = lane[i];
        grow(v);
        long t = time[i];
        switch (kind[i]) {
            case SUBMIT -> {
                if (doing[v] != RUNNING) {
                    close(v, t);
                    start(v, RUNNABLE, t);
                    int by = wakerId[i] == 0 ? -1 : writer.laneIfKnown(wakerId[i]);
                    waker[v] = by == v ? -1 : by;
                }
            }
            case MOUNT -> {
                close(v, t);
                start(v, RUNNING, t);
                carrier[v] = arg[i];
            }
            case BLOCK_BEGIN -> blockStack[v] = arg[i] >= -1 ? arg[i] : sites.stack(-2L - arg[i]);
            case UNMOUNT -> {
                if (doing[v] == RUNNING) {
                    close(v, t);
                }
                blockedState[v] = blockedStateAfter(reasonOf[i], blockStack[v]);
                if (reasonOf[i] == MONITOR) { // not a park: no BlockBegin of its own says where
                    blockStack[v] = -1;
                    blockLink[v] = writer.unnamedMonitor();
                } else {
                    blockLink[v] = -1;
                }
                if (reasonOf[i] == END) {
                    doing[v] = NOTHING;
                    writer.ended(v, t); // what jdk.VirtualThreadEnd says, which captures with the agent leave out
                } else if (reasonOf[i] == YIELD) {
                    start(v, RUNNABLE, t);
                } else {
                    start(v, BLOCKED, t);
                }
            }
            default -> throw new IllegalStateException("kind " + kind[i]);
        }
    }

    private int blockedStateAfter(int reason, int stack) {
        ThreadState state = switch (reason) {
            case PARK -> classifier.classify(stack, ThreadState.WAITING);
            case MONITOR -> ThreadState.BLOCKED_LOCK;
            case WAIT -> ThreadState.WAITING;
            default -> ThreadState.WAITING;
        };
        return state.code();
    }

    private void start(int v, byte what, long t) {
        doing[v] = what;
        since[v] = t;
    }

    /** Writes what {@code v} was doing from {@code since} to {@code t}. */
    private void close(int v, long t) {
        long from = since[v];
        switch (doing[v]) {
            case RUNNABLE -> writer.span(v, from, t, ThreadState.RUNNABLE, false, -1, waker[v]);
            case RUNNING -> runs.write(carrier[v], v, from, t);
            case BLOCKED -> {
                writer.span(v, from, t, ThreadState.ofCode(blockedState[v]), false, blockStack[v], blockLink[v]);
                blockStack[v] = -1;
            }
            default -> {
            }
        }
        doing[v] = NOTHING;
    }

    private void grow(int v) {
        if (v >= since.length) {
            int capacity = Math.max(v + 1, since.length * 2);
            int old = since.length;
            since = Arrays.copyOf(since, capacity);
            doing = Arrays.copyOf(doing, capacity);
            carrier = Arrays.copyOf(carrier, capacity);
            blockStack = Arrays.copyOf(blockStack, capacity);
            blockedState = Arrays.copyOf(blockedState, capacity);
            blockLink = Arrays.copyOf(blockLink, capacity);
            waker = Arrays.copyOf(waker, capacity);
            Arrays.fill(blockStack, old, capacity, -1);
        }
    }

    /** Drops the replayed events, keeping those at or after {@code until}. */
    private void compact(long until) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (time[i] >= until) {
                time[kept] = time[i];
                lane[kept] = lane[i];
                kind[kept] = kind[i];
                arg[kept] = arg[i];
                reasonOf[kept] = reasonOf[i];
                wakerId[kept] = wakerId[i];
                kept++;
            }
        }
        size = kept;
    }
}
