package dev.loomscope.core.model;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a thread was doing during a span. How each state is derived from which events, per capture
 * tier, is in {@code docs/states.md}.
 *
 * <p>When two recorded spans of one thread overlap (a {@code put} call that contains a park, a
 * pinned park inside a mounted interval), the state with the higher {@link #priority()} wins for
 * the overlapping time. Exact scheduling facts (tier 1 mount/unmount) outrank the coarser
 * blocking-call spans they refine, and pinning outranks everything because it is the pathology.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ThreadState {
    /** No evidence: before the first event of a thread that existed earlier, or after its last one. */
    UNKNOWN("Unknown", 0),
    /** On a CPU (for a virtual thread: mounted on a carrier). */
    RUNNING("Running", 8),
    /**
     * Ready to run, waiting for a carrier: exact from the agent's submit and mount (tier 1);
     * inferred from a sleep that returned later than it asked (tier 0, see {@code docs/states.md}).
     */
    RUNNABLE("Runnable", 8),
    /**
     * A virtual thread either on a carrier or waiting for one: what tier 0 knows of the time in
     * which no event says the thread blocked. It is never RUNNING, since a recording without the
     * agent cannot prove which virtual threads held the carriers (and more may have wanted one
     * than there were).
     */
    RUNNING_OR_RUNNABLE("Running or waiting for a carrier", 1),
    /**
     * A platform thread between the events that explain its time: running, or blocked for less
     * than the recording's thresholds (a park, sleep or monitor wait too short to leave an event).
     * It is never RUNNING: the recording cannot prove the thread was on a CPU there, and summed as
     * running it drew more threads on the CPUs than the machine had.
     */
    RUNNING_OR_BRIEFLY_BLOCKED("Running or blocked too briefly to record", 1),
    /** Blocked sending to a channel: a full bounded queue, an unmatched transfer. */
    BLOCKED_SEND("Blocked send", 6),
    /** Blocked receiving from a channel: an empty queue. */
    BLOCKED_RECV("Blocked receive", 6),
    /** Blocked waiting for a future ({@code get}, {@code join}). */
    BLOCKED_FUTURE("Blocked on future", 6),
    /** Blocked acquiring a monitor or a {@code java.util.concurrent} lock or permit. */
    BLOCKED_LOCK("Blocked on lock", 5),
    /** Parked on a condition that is none of the above: latch, barrier, {@code Object.wait}, idle pool worker. */
    WAITING("Waiting", 2),
    /** In {@code Thread.sleep}. */
    SLEEPING("Sleeping", 4),
    /** In socket or file I/O. */
    IO("I/O", 3),
    /** A virtual thread blocked while holding its carrier (synchronized, native frame). */
    PINNED("Pinned", 9),
    /** After the thread ended. Never stored in a lane; queries report it past the end of life. */
    ENDED("Ended", 0);

    private static final ThreadState[] BY_CODE = values();

    private final String label;
    private final int priority;

    ThreadState(String label, int priority) {
        this.label = label;
        this.priority = priority;
    }

    /** The name used in JSON output and on command lines: the constant in lower case. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The compact code stored in lane columns. */
    public byte code() {
        return (byte) ordinal();
    }

    public static ThreadState ofCode(int code) {
        return BY_CODE[code];
    }

    public static int count() {
        return BY_CODE.length;
    }

    /** A short human label, as shown in legends and tooltips. */
    public String label() {
        return label;
    }

    /** Which state wins where spans overlap; higher wins. */
    public int priority() {
        return priority;
    }

    /** True for the states in which the thread may have been on a CPU: RUNNING and the two that include it. */
    public boolean mayRun() {
        return this == RUNNING || this == RUNNING_OR_RUNNABLE || this == RUNNING_OR_BRIEFLY_BLOCKED;
    }

    /** True for the states in which a thread waits for something another thread must do. */
    public boolean isBlocked() {
        return switch (this) {
            case BLOCKED_SEND, BLOCKED_RECV, BLOCKED_FUTURE, BLOCKED_LOCK, WAITING, PINNED -> true;
            default -> false;
        };
    }
}
