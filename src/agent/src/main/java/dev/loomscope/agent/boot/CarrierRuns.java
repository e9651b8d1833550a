package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Every run of every virtual thread, held on its carrier and committed sixteen at a time
 * ({@link CarrierRunsEvent}): which virtual thread each carrier ran, exactly, for about a tenth
 * of what an event per mount and unmount costs. A busy carrier hands its batch to
 * {@link RunsCommitter} when it is full or its oldest run is {@value CarrierBatches#MAX_HOLD_NANOS} ns old;
 * JFR's periodic thread commits what an idle carrier still holds, and at each chunk end
 * everything, the runs still going included. Each
 * run also says how long its thread had waited for a carrier, and who made it runnable
 * ({@link SubmitTimes}).
 *
 * <p>Times are {@link System#nanoTime()}, written as offsets before the event's start time so
 * that the reader places them on JFR's clock. A carrier that cannot take its batch from the drain
 * ({@link CarrierBatches}) counts the run as lost.
 */
final class CarrierRuns {
    /** Why a run ended, four bits a run in the event's {@code reasons} (docs/events.md). */
    static final int OTHER = 0;
    static final int PARK = 1;
    static final int YIELD = 2;
    static final int MONITOR = 3;
    static final int WAIT = 4;
    static final int END = 5;
    /** The run was still going when its carrier was drained: it comes again whole later. */
    static final int RUNNING = 6;
    private static final int REASON_BITS = 4;

    private static final int RUNS = CarrierRunsEvent.RUNS;
    private static final CarrierBatches<Batch> CARRIERS = new CarrierBatches<>(Batch::new);
    /**
     * An idle carrier's runs once the oldest is stale or the run in progress is long; the run in
     * progress too, unless the carrier died.
     */
    private static final CarrierBatches.Taker<Batch> DRAIN = new CarrierBatches.Taker<>() {
        @Override
        public boolean due(Batch batch, long now) {
            long stale = CarrierBatches.STALE_NANOS;
            return batch.count > 0 && now - batch.runs[0] >= stale || running(batch, now) >= stale;
        }

        @Override
        public jdk.jfr.Event take(Batch batch, boolean dead) {
            return CarrierRuns.take(batch, !dead);
        }
    };

    private static final class Batch extends CarrierBatches.Batch {
        /** Start and end of each run held (System.nanoTime), and its thread and why it ended. */
        final long[] runs = new long[RUNS * 2];
        /** How long each run's thread waited for a carrier before it (0: not known). */
        final long[] queued = new long[RUNS];
        final Thread[] threads = new Thread[RUNS];
        /** The id of the thread that made each run's thread runnable (0: not known, or itself). */
        final long[] wakers = new long[RUNS];
        /** The blocking call site each run's park was in (0: none, or the run did not end in a park). */
        final long[] sites = new long[RUNS];
        long reasons;
        /** Runs the carrier could not add while the drain held the batch. */
        final AtomicLong lost = new AtomicLong();
        int count;
        /** The run in progress: written by the carrier, read by the drain. */
        volatile Thread mountedThread;
        volatile long mountedAt;
        /** When the run in progress was submitted (0: not known), and by whom; the carrier's own. */
        long submittedAt;
        long waker;
        /** The site of the park the run in progress began, set by the park hook; the carrier's own. */
        long parkSite;

        Batch(Thread carrier) {
            super(carrier);
        }
    }

    private CarrierRuns() {
    }

    /** VirtualThread.mount() entry, on the carrier: takes the thread's submit from {@link SubmitTimes}. */
    static void mounted(Thread carrier, Thread vthread) {
        int submit = SubmitTimes.mounted(vthread);
        Batch batch = CARRIERS.of(carrier);
        if (batch != null) {
            batch.mountedThread = vthread;
            batch.submittedAt = submit < 0 ? 0 : SubmitTimes.time(submit);
            batch.waker = submit < 0 ? 0 : SubmitTimes.waker(submit);
            batch.parkSite = 0;
            batch.mountedAt = System.nanoTime();
        }
        if (submit >= 0) {
            SubmitTimes.forget(submit);
        }
    }

    /** VirtualThread.unmount() return, on the carrier. */
    static int reasonCode(String reason) {
        return switch (reason) {
            case "park", "timed-park" -> PARK;
            case "yield" -> YIELD;
            case "block" -> MONITOR;
            case "wait", "timed-wait" -> WAIT;
            case "end" -> END;
            default -> OTHER;
        };
    }

    static void unmounted(Thread carrier, Thread vthread, int reason) {
        long end = System.nanoTime();
        Batch batch = CARRIERS.find(carrier);
        if (batch == null) {
            return;
        }
        long start = batch.mountedAt;
        Thread thread = batch.mountedThread;
        long site = reason == PARK ? batch.parkSite : 0;
        batch.parkSite = 0;
        batch.mountedAt = 0;
        if (start == 0 || thread != vthread) {
            return;                                   // mounted before the agent was on
        }
        if (!batch.takeOnCarrier()) {
            batch.lost.incrementAndGet();
            return;
        }
        CarrierRunsEvent full = null;
        try {
            int n = batch.count;
            batch.threads[n] = thread;
            batch.runs[n * 2] = start;
            batch.runs[n * 2 + 1] = end;
            long submittedAt = batch.submittedAt;
            boolean known = submittedAt != 0 && submittedAt <= start;
            batch.queued[n] = known ? start - submittedAt : 0;
            batch.wakers[n] = known ? batch.waker : 0;
            batch.sites[n] = site;
            batch.reasons |= (long) reason << (n * REASON_BITS);
            batch.count = n + 1;
            if (batch.count == RUNS || end - batch.runs[0] >= CarrierBatches.MAX_HOLD_NANOS) {
                full = take(batch, false);
            }
        } finally {
            batch.release();
        }
        if (full != null) {
            RunsCommitter.hand(full);                 // not committed here: see RunsCommitter
        }
    }

    /** Whether {@code carrier}'s last run was of {@code vthread}, unmounted, and it has mounted no other since. */
    static boolean justUnmounted(Thread carrier, Thread vthread) {
        Batch batch = CARRIERS.find(carrier);
        return batch != null && batch.mountedThread == vthread && batch.mountedAt == 0;
    }

    /**
     * A park hook, on {@code vthread} mounted on {@code carrier} (the same OS thread as the
     * carrier's hooks): the park now beginning is in the blocking call site {@code site} (0: in none).
     * The unmount that ends the run with this park takes it into the run; a park that does not
     * unmount (pinned) leaves it to be replaced by the next park's or dropped by an unmount that is
     * no park. True when the site will travel in the run (no event needed for it).
     */
    static boolean parking(Thread carrier, Thread vthread, long site) {
        Batch batch = carrier == null ? null : CARRIERS.find(carrier);
        if (batch == null || batch.mountedThread != vthread) {
            return false;
        }
        batch.parkSite = site;
        return site != 0;
    }

    /**
     * JFR's periodic thread: commits what idle carriers hold (everything, the runs in progress
     * included, when {@code all}: at a chunk end) and frees the slots of carriers that died.
     */
    static void drain(boolean all) {
        CARRIERS.drain(all, DRAIN);
    }

    /** How long the run in progress has been going, or 0. */
    private static long running(Batch batch, long now) {
        long at = batch.mountedAt;
        return at == 0 ? 0 : now - at;
    }

    /**
     * The batch's runs as an event (null when there are none), emptied; with the run in progress if
     * asked. The event's start time is taken first and the clock right after it, so that every
     * offset is measured from (almost exactly) the instant JFR stamps: batches of one carrier
     * then never overlap on the reader's clock.
     */
    private static CarrierRunsEvent take(Batch batch, boolean withRunning) {
        CarrierRunsEvent event = new CarrierRunsEvent();
        if (!event.shouldCommit()) {
            java.util.Arrays.fill(batch.threads, null);
            batch.count = 0;
            batch.reasons = 0;
            return null;
        }
        event.begin();
        long now = System.nanoTime();
        int n = batch.count;
        long reasons = batch.reasons;
        for (int i = 0; i < n; i++) {
            long start = batch.runs[i * 2];
            Thread thread = batch.threads[i];
            event.run(i, named(thread), thread.threadId(), now - start, batch.runs[i * 2 + 1] - start,
                    batch.queued[i], batch.wakers[i], batch.sites[i]);
            batch.threads[i] = null;
        }
        if (withRunning && n < RUNS) {
            long at = batch.mountedAt;
            Thread thread = batch.mountedThread;
            if (at != 0 && thread != null && at == batch.mountedAt) {
                reasons |= (long) RUNNING << (n * REASON_BITS);
                event.run(n++, named(thread), thread.threadId(), now - at, now - at, 0, 0, 0); // its wait comes with the whole run
            }
        }
        batch.count = 0;
        batch.reasons = 0;
        long lost = batch.lost.getAndSet(0);
        if (n == 0 && lost == 0) {
            return null;
        }
        event.carrier = batch.carrier;
        event.count = n;
        event.reasons = reasons;
        event.lost = lost;
        return event;
    }

    /** The thread when it has a name for the recording to keep, else null: its id says the rest. */
    private static Thread named(Thread thread) {
        return thread.getName().isEmpty() ? null : thread;
    }
}
