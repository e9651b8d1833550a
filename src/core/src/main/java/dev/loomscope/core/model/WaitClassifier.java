package dev.loomscope.core.model;

import java.util.Arrays;
import java.util.Set;

/**
 * Names what a parked thread was waiting for, from the stack it parked with.
 *
 * <p>A park says only "blocked"; the stack says on what. The rule: the outermost frame that is a
 * known blocking API decides, because that is the call the program made ({@code queue.take()}),
 * while the frames inside it are that API's machinery ({@code ConditionObject.await},
 * {@code LockSupport.park}) shared by everything. A stack with no known API is {@code fallback}.
 * Results are cached per stack id: a recording has few distinct stacks and many parks.
 *
 * <p>A park the agent placed at a blocking call of the program's code has a two-frame stack: the
 * method as the call named it (often an interface: {@code BlockingQueue.take}, {@code Lock.lock},
 * {@code Future.get}, {@code TimeUnit.sleep}) above the program's frame; those names are known too.
 */
public final class WaitClassifier {
    private static final Set<String> SEND = Set.of(
            "put", "putFirst", "putLast", "offer", "offerFirst", "offerLast", "transfer", "tryTransfer");
    private static final Set<String> RECV = Set.of(
            "take", "takeFirst", "takeLast", "poll", "pollFirst", "pollLast");
    private static final Set<String> FUTURE_CLASSES = Set.of(
            "java.util.concurrent.CompletableFuture", "java.util.concurrent.FutureTask",
            "java.util.concurrent.ForkJoinTask", "java.util.concurrent.StructuredTaskScope",
            "java.util.concurrent.ExecutorCompletionService", "java.util.concurrent.Future");
    private static final Set<String> FUTURE_METHODS = Set.of("get", "join", "resultNow", "invoke", "invokeAll");
    private static final Set<String> LOCK_CLASSES = Set.of(
            "java.util.concurrent.locks.Lock", "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock",
            "java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.Semaphore");
    private static final Set<String> IO_CLASSES = Set.of(
            "sun.nio.ch.NioSocketImpl", "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.ServerSocketChannelImpl",
            "sun.nio.ch.DatagramChannelImpl", "sun.nio.ch.FileChannelImpl", "java.io.FileInputStream",
            "java.io.FileOutputStream", "java.io.RandomAccessFile");

    private final StackTable stacks;
    private byte[] cache = new byte[256];

    public WaitClassifier(StackTable stacks) {
        this.stacks = stacks;
        Arrays.fill(cache, (byte) -1);
    }

    /** What a park with this stack waited for; {@code fallback} if no frame says. */
    public ThreadState classify(int stackId, ThreadState fallback) {
        if (stackId < 0) {
            return fallback;
        }
        if (stackId >= cache.length) {
            int old = cache.length;
            cache = Arrays.copyOf(cache, Math.max(stackId + 1, old * 2));
            Arrays.fill(cache, old, cache.length, (byte) -1);
        }
        int cached = cache[stackId];
        if (cached < 0) {
            ThreadState found = scan(stackId);
            cached = found == null ? ThreadState.count() : found.code();
            cache[stackId] = (byte) cached;
        }
        return cached == ThreadState.count() ? fallback : ThreadState.ofCode(cached);
    }

    private ThreadState scan(int stackId) {
        ThreadState outermost = null;
        int depth = stacks.depth(stackId);
        for (int i = 0; i < depth; i++) {
            ThreadState s = classifyFrame(stacks.frame(stackId, i));
            if (s != null) {
                outermost = s;
            }
        }
        return outermost;
    }

    /** The blocking API a single frame belongs to, or null if it is not one. */
    public static ThreadState classifyFrame(StackFrame frame) {
        String cls = frame.className();
        String method = frame.methodName();
        if (isChannel(cls)) {
            if (SEND.contains(method)) {
                return ThreadState.BLOCKED_SEND;
            }
            if (RECV.contains(method)) {
                return ThreadState.BLOCKED_RECV;
            }
            return null;
        }
        if (FUTURE_CLASSES.contains(cls) && FUTURE_METHODS.contains(method)) {
            return ThreadState.BLOCKED_FUTURE;
        }
        if (LOCK_CLASSES.contains(cls) && (method.startsWith("lock") || method.startsWith("acquire")
                || method.startsWith("tryLock") || method.startsWith("tryAcquire")
                || method.startsWith("readLock") || method.startsWith("writeLock")
                || method.startsWith("tryReadLock") || method.startsWith("tryWriteLock"))) {
            return ThreadState.BLOCKED_LOCK;
        }
        if (cls.equals("java.lang.Thread") && (method.equals("sleep") || method.equals("sleepNanos"))
                || cls.equals("java.util.concurrent.TimeUnit") && method.equals("sleep")) {
            return ThreadState.SLEEPING;
        }
        if (IO_CLASSES.contains(cls)) {
            return ThreadState.IO;
        }
        return null;
    }

    static boolean isChannel(String cls) {
        return cls.startsWith("java.util.concurrent.")
                && (cls.endsWith("BlockingQueue") || cls.endsWith("BlockingDeque")
                    || cls.equals("java.util.concurrent.SynchronousQueue")
                    || cls.equals("java.util.concurrent.TransferQueue")
                    || cls.equals("java.util.concurrent.LinkedTransferQueue")
                    || cls.equals("java.util.concurrent.DelayQueue"));
    }
}
