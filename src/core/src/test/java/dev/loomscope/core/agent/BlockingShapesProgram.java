package dev.loomscope.core.agent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blocking calls in the shapes a rewritten method must keep working in: an argument of a
 * constructor ({@code new} below it on the stack), longs and doubles around it, a branch merging
 * after it, inside {@code synchronized} and {@code try/finally}, in a constructor, in a static
 * initializer, a call that throws into its caller's handler and one that throws out of its method,
 * a future's constructor.
 * Each computes a number; the last line lists them, the same with the agent or without it.
 *
 * <p>All of it runs on the virtual thread {@code shapes-main}, fed by {@code shapes-feeder}: both
 * park on purpose in blocking calls (takes, a timed poll, an await, sleeps). After a call that
 * threw without parking (a take on an interrupted thread) the main thread sleeps through
 * reflection, a call the agent does not bracket: that park must not be placed at the take.
 */
public final class BlockingShapesProgram {
    static final BlockingQueue<Integer> QUEUE = new ArrayBlockingQueue<>(8);
    static int fromStaticInit;

    static {
        try {
            Thread.sleep(1);
            fromStaticInit = 7;
        } catch (InterruptedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BlockingShapesProgram() {
    }

    record Pair(int v, long w) {
    }

    /** Takes in its constructor, after {@code super()}. */
    static final class Taker {
        final int got;

        Taker(BlockingQueue<Integer> queue) throws InterruptedException {
            super();
            got = queue.take();
        }
    }

    static long mixed(long a, double b, BlockingQueue<Integer> queue) throws InterruptedException {
        long x = a * 2;
        double y = b / 2;
        Pair pair = new Pair(queue.take(), x);
        int z = pair.v() > 0 ? queue.take() : -1;
        return x + (long) y + pair.v() + z + pair.w();
    }

    static String interruptedTake() {
        Thread.currentThread().interrupt();
        try {
            QUEUE.take();
            return "not interrupted";
        } catch (InterruptedException e) {
            return "caught";
        }
    }

    static int failedGet() throws InterruptedException {
        CompletableFuture<Integer> failed = CompletableFuture.failedFuture(new IllegalStateException("on purpose"));
        try {
            return failed.get();
        } catch (ExecutionException e) {
            return e.getCause() instanceof IllegalStateException ? 42 : -1;
        }
    }

    /** {@code new CompletableFuture<>()}: a bracketed constructor, the {@code new}'s copy below it on the stack. */
    static int madeAndJoined() {
        CompletableFuture<Integer> made = new CompletableFuture<>();
        made.complete(5);
        return made.join();
    }

    static int thrownOut() {
        try {
            return joinFailed();
        } catch (CompletionException e) {
            return 43;
        }
    }

    static int joinFailed() {
        return CompletableFuture.<Integer>failedFuture(new IllegalStateException("on purpose")).join();
    }

    static int locked(Lock lock, Object monitor) throws InterruptedException {
        synchronized (monitor) {
            lock.lock();
            try {
                return lock.tryLock(1, TimeUnit.MILLISECONDS) ? 1 : 0;
            } finally {
                lock.unlock();
                lock.unlock();
            }
        }
    }

    static int switched(BlockingQueue<Integer> queue, long millis) throws InterruptedException {
        switch (queue.poll(millis, TimeUnit.MILLISECONDS) == null ? 0 : 1) { // parks when empty
            case 0:
                return 10;
            default:
                return 11;
        }
    }

    static String run() throws Exception {
        StringBuilder out = new StringBuilder("static " + fromStaticInit);
        CountDownLatch fed = new CountDownLatch(1);
        Thread.ofVirtual().name("shapes-feeder").start(() -> {
            try {
                for (int i = 1; i <= 3; i++) {
                    Thread.sleep(5);
                    QUEUE.put(i);
                }
                fed.await();                                 // parks
                QUEUE.put(4);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        out.append(" mixed ").append(mixed(3, 5.0, QUEUE));      // parks (takes 1 and 2)
        out.append(" taker ").append(new Taker(QUEUE).got);      // parks (takes 3)
        out.append(" interrupted ").append(interruptedTake());
        Thread.class.getMethod("sleep", long.class).invoke(null, 30L); // parks, unbracketed
        out.append(" get ").append(failedGet());
        out.append(" out ").append(thrownOut());
        out.append(" made ").append(madeAndJoined());
        out.append(" locked ").append(locked(new ReentrantLock(), new Object()));
        out.append(" switched ").append(switched(QUEUE, 20));      // parks (empty: times out)
        fed.countDown();
        out.append(" switched ").append(switched(QUEUE, 60_000));  // parks until the feeder puts 4
        TimeUnit.MILLISECONDS.sleep(5);                             // parks
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        String[] result = new String[1];
        Thread main = Thread.ofVirtual().name("shapes-main").start(() -> {
            try {
                result[0] = run();
            } catch (Throwable t) {
                result[0] = "failed: " + t;
            }
        });
        main.join();
        System.out.println(result[0]);
    }
}
