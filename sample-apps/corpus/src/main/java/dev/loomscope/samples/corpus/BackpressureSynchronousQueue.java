package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Metric emitters hand samples directly to a single writer through a {@link SynchronousQueue}: a
 * hand-off with no buffer at all, so every emitter waits in {@code put} until the writer, busy
 * with the previous sample, comes back for the next one.
 *
 * <p>Ground truth: 3 virtual threads {@code emitter-N} produce a sample every few microseconds and
 * {@code put} it into a {@code SynchronousQueue}; one platform thread {@code sink-writer}
 * {@code take}s each and sleeps {@value #WRITE_MILLIS} ms (a write to disk). The emitters stop
 * after {@value #RUN_MILLIS} ms; main then hands over an end marker and the writer ends. Emitters:
 * blocked in {@code put} almost all the time (~12 ms per sample); writer: sleeping most of the
 * time, never waiting for input. Virtual threads parking in {@code put} leave no JDK event.
 */
public final class BackpressureSynchronousQueue {
    static final int EMITTERS = 3;
    static final long WRITE_MILLIS = 4;
    static final long RUN_MILLIS = 3_000;
    private static final double[] END = new double[0];

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<double[]> handoff = new SynchronousQueue<>();
        long[] written = new long[1];
        Thread writer = Thread.ofPlatform().name("sink-writer").start(() -> written[0] = write(handoff));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        List<Thread> emitters = new ArrayList<>();
        for (int i = 1; i <= EMITTERS; i++) {
            int id = i;
            emitters.add(Thread.ofVirtual().name("emitter-" + i).start(() -> emit(id, handoff, deadline)));
        }
        for (Thread e : emitters) {
            e.join();
        }
        handoff.put(END); // every emitter is done
        writer.join();
        System.out.println("wrote " + written[0] + " samples");
    }

    /** Samples a (pretend) gauge and hands each sample to the writer until the deadline. */
    private static void emit(int gauge, BlockingQueue<double[]> handoff, long deadline) {
        long n = 0;
        try {
            while (System.nanoTime() < deadline) {
                n++;
                double[] sample = {gauge, System.currentTimeMillis(), Math.sin(n / 10.0)};
                handoff.put(sample); // waits until sink-writer takes it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Appends each sample to the metrics file; returns how many it wrote. */
    private static long write(BlockingQueue<double[]> handoff) {
        long count = 0;
        try {
            for (double[] sample = handoff.take(); sample != END; sample = handoff.take()) {
                TimeUnit.MILLISECONDS.sleep(WRITE_MILLIS); // the disk write
                count++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count;
    }
}
