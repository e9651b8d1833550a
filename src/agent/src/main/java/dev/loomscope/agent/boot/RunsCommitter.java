package dev.loomscope.agent.boot;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Commits the carriers' full batches, of runs and of virtual threads' future records
 * ({@link FutureRecords}), on a platform thread of its own.
 *
 * <p>A carrier fills its batch in the unmount hook, inside {@code VirtualThread.runContinuation},
 * between the virtual threads it runs. The JDK never commits a Java event there, and JFR's
 * per-carrier event writer is not ready for it: JDK 25 dropped the first event a carrier
 * committed there after its virtual thread committed one. The full capture (the virtual threads
 * committing events of their own) also crashed its host twice in about 110 runs, in JFR's flush
 * of a virtual thread's buffer; whether this was why is not known (docs/capture.md). So the
 * carrier only hands its full batch over; the event is stamped there (its runs are offsets from
 * its start time) and written here.
 */
final class RunsCommitter {
    private static final ConcurrentLinkedQueue<jdk.jfr.Event> FULL = new ConcurrentLinkedQueue<>();
    /** How long the committer lets handed batches gather after it wrote some: waking it for each costs more. */
    private static final long GATHER_NANOS = 1_000_000;
    private static volatile Thread thread;
    /** Set while the committer found nothing to write and parks until a producer unparks it. */
    private static volatile boolean idle;

    private RunsCommitter() {
    }

    /** Starts the committer; before any hook fires, as hooks must not start threads. */
    static synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("loomscope-runs-committer").start(RunsCommitter::run);
        }
    }

    /** On a carrier, in the unmount hook: never waits, and wakes the committer only when it went idle. */
    static void hand(jdk.jfr.Event event) {
        FULL.offer(event);
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    /** What was handed and not yet written, on the caller's thread (at a chunk end, by the drain); how many. */
    static int commitHanded() {
        int n = 0;
        for (jdk.jfr.Event event; (event = FULL.poll()) != null; n++) {
            event.commit();
        }
        return n;
    }

    private static void run() {
        try {
            while (true) {
                if (commitHanded() > 0) {
                    LockSupport.parkNanos(GATHER_NANOS);
                    continue;
                }
                idle = true;
                if (FULL.isEmpty()) {          // a batch handed after the poll above sees idle set
                    LockSupport.park(RunsCommitter.class);
                }
                idle = false;
            }
        } catch (Throwable t) {
            AgentState.fail("Runs committer", t);
        }
    }
}
