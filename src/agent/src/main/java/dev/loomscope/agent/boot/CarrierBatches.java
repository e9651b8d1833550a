package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A batch per carrier thread (its runs, its virtual threads' future records): made on the
 * carrier's first use, filled on the carrier, drained by JFR's periodic thread when idle and at
 * every chunk end. Carriers come and go (an idle pool worker times out): the drain frees the
 * slots of those that died.
 *
 * @param <B> the batch
 */
final class CarrierBatches<B extends CarrierBatches.Batch> {
    /** A busy carrier hands its batch over once it is full or its oldest entry is this old. */
    static final long MAX_HOLD_NANOS = 10_000_000;
    /** What an idle carrier holds is committed by the periodic drain once this old. */
    static final long STALE_NANOS = 50_000_000;
    private final ThreadSlots<B> slots = new ThreadSlots<>(512, 16);
    private final Function<Thread, B> make;

    /**
     * What every batch has: its carrier, and who holds it now, the thread on the carrier adding to
     * it or the drain taking it. The drain holds it for the microsecond it takes to copy the batch
     * into an event, so the thread that wants it spins a little; it never waits long or blocks:
     * after a few tries it goes without.
     */
    abstract static class Batch {
        private static final int SPINS = 100;
        private static final int YIELDS = 100;
        final Thread carrier;
        private final AtomicBoolean held = new AtomicBoolean();

        Batch(Thread carrier) {
            this.carrier = carrier;
        }

        /** On a virtual thread: takes the batch, spinning a little; false when the drain kept it. */
        final boolean take() {
            for (int i = 0; i < SPINS; i++) {
                if (held.compareAndSet(false, true)) {
                    return true;
                }
                Thread.onSpinWait();
            }
            return false;
        }

        /**
         * On a carrier between two virtual threads (a platform thread): spins, then gives its core up
         * to the drain's thread {@value #YIELDS} times at most, should the drain have been
         * descheduled while it held the batch (at a chunk end it takes every carrier's); false when
         * it still did.
         */
        final boolean takeOnCarrier() {
            if (take()) {
                return true;
            }
            for (int i = 0; i < YIELDS; i++) {
                Thread.yield();
                if (held.compareAndSet(false, true)) {
                    return true;
                }
            }
            return false;
        }

        /** By the drain: takes the batch only if it is free (a carrier busy with it is drained later). */
        final boolean tryTake() {
            return held.compareAndSet(false, true);
        }

        final void release() {
            held.setRelease(false);
        }
    }

    /** How the drain empties a batch of its kind. */
    interface Taker<B> {
        /** Whether {@code batch} is due at {@code now} (a chunk end and a dead carrier always are). */
        boolean due(B batch, long now);

        /** The batch's content as an event to commit (null: none), emptied; {@code dead}: its carrier died. */
        jdk.jfr.Event take(B batch, boolean dead);
    }

    CarrierBatches(Function<Thread, B> make) {
        this.make = make;
    }

    /** The carrier's batch, or null when it has none. */
    B find(Thread carrier) {
        int slot = slots.find(carrier);
        return slot < 0 ? null : slots.value(slot);
    }

    /** The carrier's batch, made on its first use; null when the table is full (it goes without). */
    B of(Thread carrier) {
        B batch = find(carrier);
        if (batch != null) {
            return batch;
        }
        batch = make.apply(carrier);
        return slots.claim(carrier, batch) < 0 ? null : batch;
    }

    /**
     * JFR's periodic thread: commits what is due of each batch its carrier does not hold now
     * (everything when {@code all}: at a chunk end), and frees the slots of carriers that died.
     */
    void drain(boolean all, Taker<B> taker) {
        long now = System.nanoTime();
        for (int slot = 0; slot < slots.capacity(); slot++) {
            Thread owner = slots.owner(slot);
            B batch = owner == null ? null : slots.value(slot);
            if (batch == null || batch.carrier != owner) {
                continue;
            }
            boolean dead = !owner.isAlive();
            if ((all || dead || taker.due(batch, now)) && batch.tryTake()) {
                jdk.jfr.Event event;
                try {
                    event = taker.take(batch, dead);
                } finally {
                    batch.release();
                }
                if (event != null) {
                    event.commit();
                }
            }
            if (dead) {
                slots.release(slot);
            }
        }
    }
}
