package dev.loomscope.junit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tests that do something wrong on purpose, run by {@link CheckConcurrencyTest} through the JUnit
 * Platform (their names do not end in "Test", so the build does not run them directly). Each names
 * its threads: the ground truth the failure message must repeat.
 */
final class Examples {
    private Examples() {
    }

    /** Leaves three virtual threads blocked forever in take() on a queue nobody feeds. */
    @CheckConcurrency
    static class LeaksVirtualThreads {
        @Test
        void startsConsumersAndForgetsThem() throws InterruptedException {
            SynchronousQueue<String> queue = new SynchronousQueue<>();
            Thread[] consumers = new Thread[3];
            for (int i = 0; i < 3; i++) {
                consumers[i] = Thread.ofVirtual().name("forgotten-consumer-" + i).start(() -> {
                    try {
                        queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            awaitState(Thread.State.WAITING, consumers);
        }
    }

    /** Cleans up after itself: the consumers get their items and end. */
    @CheckConcurrency
    static class CleansUp {
        @Test
        void startsConsumersAndFeedsThem() throws InterruptedException {
            SynchronousQueue<String> queue = new SynchronousQueue<>();
            Thread[] consumers = new Thread[3];
            for (int i = 0; i < 3; i++) {
                consumers[i] = Thread.ofVirtual().name("fed-consumer-" + i).start(() -> {
                    try {
                        queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            for (int i = 0; i < 3; i++) {
                queue.put("item");
            }
            for (Thread consumer : consumers) {
                consumer.join();
            }
        }
    }

    /** Two platform threads take two monitors in opposite orders and never come back. */
    @CheckConcurrency
    static class Deadlocks {
        @Test
        void locksInOppositeOrders() throws InterruptedException {
            Object left = new Object();
            Object right = new Object();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread a = Thread.ofPlatform().daemon().name("deadlock-left").start(() -> lockBoth(left, right, bothHoldOne));
            Thread b = Thread.ofPlatform().daemon().name("deadlock-right").start(() -> lockBoth(right, left, bothHoldOne));
            awaitState(Thread.State.BLOCKED, a, b);
        }

        private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
            synchronized (first) {
                bothHoldOne.countDown();
                try {
                    bothHoldOne.await();
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (second) {
                    first.notifyAll();
                }
            }
        }
    }

    /** A platform thread waits in get() on a future nobody will ever complete. */
    @CheckConcurrency
    static class WaitsOnAFutureNobodyCompletes {
        @Test
        void waitsForever() throws InterruptedException {
            CompletableFuture<String> never = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().daemon().name("future-waiter").start(() -> {
                try {
                    never.get();
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitState(Thread.State.WAITING, waiter);
        }
    }

    /** A stage fails and nobody reads its outcome: the failure is lost (needs the agent's future events). */
    @CheckConcurrency
    static class LosesAFailure {
        @Test
        void failsInThenApplyAndNeverLooks() {
            CompletableFuture<Integer> price = CompletableFuture.supplyAsync(() -> 41)
                    .thenApply(p -> {
                        throw new IllegalStateException("no price for this order");
                    });
            while (!price.isDone()) {
                Thread.onSpinWait();
            }
            // isCompletedExceptionally says whether it failed, not why: not an observation.
            System.out.println("priced: " + !price.isCompletedExceptionally());
        }
    }

    /** The allOf trap: one input fails, the allOf fails with it, and nobody reads the allOf's outcome. */
    @CheckConcurrency
    static class LosesAFailureInAllOf {
        @Test
        void waitsForAllAndNeverLooks() {
            CompletableFuture<Integer> stock = CompletableFuture.supplyAsync(() -> 7);
            CompletableFuture<Integer> price = CompletableFuture.supplyAsync(() -> {
                throw new IllegalArgumentException("no price for this order");
            });
            CompletableFuture<Void> both = CompletableFuture.allOf(stock, price);
            while (!both.isDone()) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Waits until every thread is in {@code state}: the example then ends with its threads really
     * stuck, however slow the machine (no sleep that hopes they got there).
     */
    static void awaitState(Thread.State state, Thread... threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) {
            while (t.getState() != state) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(t.getName() + " never got " + state + ": " + t.getState());
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    /** The same leak as {@link LeaksVirtualThreads}, its threads ignored by name. */
    @CheckConcurrency(ignoreThreads = "^forgotten-")
    static class IgnoresItsOwnThreads extends LeaksVirtualThreads {
    }
}
