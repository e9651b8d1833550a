package dev.loomscope.core.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A platform thread {@code retainer} allocates 64 arrays of 1 MB it keeps, lets a GC find them
 * alive, then waits forever on a latch nobody counts down; main exits 1.5 s later. JFR samples old objects and
 * commits them as the recording ends, on behalf of the thread that allocated them: the retainer's
 * last deed is its allocations, before its wait.
 */
public final class RetainThenWaitProgram {
    static final List<long[]> KEPT = new ArrayList<>();

    private RetainThenWaitProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        Thread retainer = new Thread(() -> {
            for (int i = 0; i < 64; i++) {
                KEPT.add(new long[128 * 1024]);            // 1 MB each: outside any TLAB, where JFR samples
            }
            System.gc();                                   // JFR reports the sampled objects that outlived a GC
            waiting.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "retainer");
        retainer.setDaemon(true);
        retainer.start();
        waiting.await();
        Thread.sleep(1_500);
        System.out.println("kept " + KEPT.size());
        System.exit(0);
    }
}
