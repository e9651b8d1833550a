package dev.loomscope.agent.inst;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JDK's blocking methods whose calls in the program's code the agent brackets, so that a park
 * inside one names the call instead of taking a stack: the queues' waiting operations, locks,
 * conditions, futures' {@code get}/{@code join}, sleeps, joins and the synchronizers. Matched by the
 * type the call names (its static type), never by the object's class at run time: a call on a type
 * of the program's own ({@code MyQueue.take()}) is not matched, and its parks take a stack.
 *
 * <p>Left out on purpose: methods that may run the program's tasks inline while they wait
 * ({@code ForkJoinTask.join}/{@code invoke}, executors' {@code invokeAll}/{@code close}), where a
 * park would be the task's, not the call's; and the non-blocking forms ({@code offer(e)},
 * {@code poll()}, {@code tryLock()}), which never park.
 */
final class BlockingCalls {
    private static final String TIMEOUT = "Ljava/util/concurrent/TimeUnit;";
    /** A name ending in '~' matches only the form with a timeout (a TimeUnit argument). */
    private static final Map<String, Set<String>> METHODS = methods();

    private BlockingCalls() {
    }

    /** The blocking method a call calls, "class.method" with dots, or null: not one of them. */
    static String callee(String owner, String name, String descriptor) {
        Set<String> names = METHODS.get(owner);
        if (names == null) {
            return null;
        }
        boolean matches = names.contains(name)
                || descriptor.contains(TIMEOUT) && names.contains(name + "~");
        return matches ? owner.replace('/', '.') + "." + name : null;
    }

    private static Map<String, Set<String>> methods() {
        Map<String, Set<String>> m = new HashMap<>();
        Set<String> queue = Set.of("put", "take", "putFirst", "putLast", "takeFirst", "takeLast", "transfer",
                "offer~", "offerFirst~", "offerLast~", "poll~", "pollFirst~", "pollLast~", "tryTransfer~");
        for (String q : new String[] {"BlockingQueue", "BlockingDeque", "TransferQueue", "ArrayBlockingQueue",
                "LinkedBlockingQueue", "LinkedBlockingDeque", "PriorityBlockingQueue", "DelayQueue",
                "SynchronousQueue", "LinkedTransferQueue"}) {
            m.put("java/util/concurrent/" + q, queue);
        }
        Set<String> lock = Set.of("lock", "lockInterruptibly", "tryLock~");
        for (String l : new String[] {"Lock", "ReentrantLock", "ReentrantReadWriteLock$ReadLock",
                "ReentrantReadWriteLock$WriteLock"}) {
            m.put("java/util/concurrent/locks/" + l, lock);
        }
        m.put("java/util/concurrent/locks/StampedLock", Set.of("writeLock", "readLock", "writeLockInterruptibly",
                "readLockInterruptibly", "tryWriteLock~", "tryReadLock~"));
        m.put("java/util/concurrent/locks/Condition", Set.of("await", "awaitNanos", "awaitUninterruptibly",
                "awaitUntil"));
        m.put("java/util/concurrent/locks/LockSupport", Set.of("park", "parkNanos", "parkUntil"));
        m.put("java/util/concurrent/Semaphore", Set.of("acquire", "acquireUninterruptibly", "tryAcquire~"));
        m.put("java/util/concurrent/Future", Set.of("get"));
        m.put("java/util/concurrent/FutureTask", Set.of("get"));
        m.put("java/util/concurrent/CompletableFuture", Set.of("get", "join"));
        m.put("java/util/concurrent/CountDownLatch", Set.of("await"));
        m.put("java/util/concurrent/CyclicBarrier", Set.of("await"));
        m.put("java/util/concurrent/Phaser", Set.of("awaitAdvance", "awaitAdvanceInterruptibly",
                "arriveAndAwaitAdvance"));
        m.put("java/util/concurrent/Exchanger", Set.of("exchange"));
        m.put("java/util/concurrent/TimeUnit", Set.of("sleep", "timedJoin"));
        m.put("java/lang/Thread", Set.of("sleep", "join"));
        return Map.copyOf(m);
    }
}
