package dev.loomscope.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The future events of virtual threads, held on their carrier and committed sixteen at a time
 * ({@link FutureBatchEvent}) with each record's thread by id, as the runs are ({@link CarrierRuns}).
 * Why: the first event a virtual thread commits costs JFR about 460 ns (the thread's writer set
 * up, the thread written into the chunk), ten times any later one, and a fan-out starts several
 * short-lived virtual threads a request that each commit a future event or two (docs/capture.md).
 * A platform thread commits its events as before; so does a virtual thread whose event carries
 * what a record cannot (a stack, an exception), or whose carrier's batch is not at hand.
 *
 * <p>Times are {@link System#nanoTime()}, written as offsets before the event's start time. A
 * virtual thread that cannot take its carrier's batch from the drain ({@link CarrierBatches})
 * commits its own event.
 */
final class FutureRecords {
    /** A record's kind, the low four bits of its {@code k} field (docs/events.md). */
    static final int CREATED_AT_SITE = 1;
    static final int OBSERVED = 2;
    static final int COMPLETED = 3;
    static final int CONTINUATION = 4;
    /** Of an OBSERVED record: the call waits for the outcome (join, get). */
    static final int WAITS = 1 << 4;
    /** Of a CONTINUATION record: its thread completed the future normally as the function returned. */
    static final int COMPLETES = 1 << 4;

    private static final int RECORDS = FutureBatchEvent.RECORDS;
    private static final CarrierBatches<Batch> CARRIERS = new CarrierBatches<>(Batch::new);
    /** Idle carriers' records once the oldest is stale. */
    private static final CarrierBatches.Taker<Batch> DRAIN = new CarrierBatches.Taker<>() {
        @Override
        public boolean due(Batch batch, long now) {
            return batch.count > 0 && now - batch.since >= CarrierBatches.STALE_NANOS;
        }

        @Override
        public jdk.jfr.Event take(Batch batch, boolean dead) {
            return event(batch);
        }
    };
    /** {@code JavaLangAccess.currentCarrierThread()}, bound; null when java.base does not export it to the hooks. */
    private static final MethodHandle CURRENT_CARRIER = currentCarrier();

    private static final class Batch extends CarrierBatches.Batch {
        final long[] threads = new long[RECORDS];
        final long[] times = new long[RECORDS];
        final long[] lengths = new long[RECORDS];
        final int[] kinds = new int[RECORDS];
        final long[] futures = new long[RECORDS];
        /** The kind's operands (FutureBatchEvent says which is what). */
        final long[] a = new long[RECORDS];
        final long[] b = new long[RECORDS];
        final long[] c = new long[RECORDS];
        /** When the oldest record held was added. */
        long since;
        int count;

        Batch(Thread carrier) {
            super(carrier);
        }
    }

    private FutureRecords() {
    }

    /** Whether the current thread's future events go into its carrier's batch: it is virtual, and batches can be had. */
    static boolean batches() {
        return CURRENT_CARRIER != null && Thread.currentThread().isVirtual();
    }

    /**
     * Adds a record of the current virtual thread at {@code time} (System.nanoTime); false when it
     * was not added and the caller commits its own event: a platform thread, or no batch at hand.
     */
    static boolean add(int kind, long future, long a, long b, long c, long time, long length) throws Throwable {
        if (!batches()) {
            return false;
        }
        Thread thread = Thread.currentThread();
        Batch batch = CARRIERS.of((Thread) CURRENT_CARRIER.invokeExact());
        if (batch == null || !batch.take()) {
            return false;
        }
        FutureBatchEvent full = null;
        try {
            int n = batch.count;
            if (n == 0) {
                batch.since = time;
            }
            batch.threads[n] = thread.threadId();
            batch.times[n] = time;
            batch.lengths[n] = length;
            batch.kinds[n] = kind;
            batch.futures[n] = future;
            batch.a[n] = a;
            batch.b[n] = b;
            batch.c[n] = c;
            batch.count = n + 1;
            if (n + 1 == RECORDS || time - batch.since >= CarrierBatches.MAX_HOLD_NANOS) {
                full = event(batch);
            }
        } finally {
            batch.release();
        }
        if (full != null) {
            RunsCommitter.hand(full);                 // committed off the virtual thread, as the runs are
        }
        return true;
    }

    /**
     * JFR's periodic thread: commits what idle carriers hold (everything when {@code all}: at a
     * chunk end) and frees the slots of carriers that died.
     */
    static void drain(boolean all) {
        CARRIERS.drain(all, DRAIN);
    }

    /**
     * The batch's records as an event (null when there are none), emptied. The start time is taken
     * first and the clock right after it, so every offset is measured from (almost) the instant JFR
     * stamps.
     */
    private static FutureBatchEvent event(Batch batch) {
        int n = batch.count;
        batch.count = 0;
        FutureBatchEvent event = new FutureBatchEvent();
        if (n == 0 || !event.shouldCommit()) {
            return null;
        }
        event.begin();
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            event.record(i, batch.threads[i], now - batch.times[i], batch.lengths[i], batch.kinds[i],
                    batch.futures[i], batch.a[i], batch.b[i], batch.c[i]);
        }
        event.carrier = batch.carrier;
        event.count = n;
        return event;
    }

    private static MethodHandle currentCarrier() {
        try {
            Class<?> access = Class.forName("jdk.internal.access.JavaLangAccess", false, null);
            Object jla = Class.forName("jdk.internal.access.SharedSecrets", true, null)
                    .getMethod("getJavaLangAccess").invoke(null);
            MethodHandle h = MethodHandles.lookup().findVirtual(access, "currentCarrierThread",
                    MethodType.methodType(Thread.class)).bindTo(jla);
            return h.asType(MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Initializes what the hooks use, outside any hook; whether virtual threads' records are batched. */
    static boolean init() {
        CARRIERS.find(Thread.currentThread());     // loads what the hooks use
        new FutureBatchEvent().isEnabled();
        return CURRENT_CARRIER != null;
    }
}
