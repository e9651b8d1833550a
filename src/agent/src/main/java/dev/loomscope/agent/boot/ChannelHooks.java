package dev.loomscope.agent.boot;

import java.util.List;

/**
 * Static methods called from the instrumented blocking queues (java.util.concurrent
 * ArrayBlockingQueue, LinkedBlockingQueue, LinkedBlockingDeque, PriorityBlockingQueue,
 * LinkedTransferQueue, SynchronousQueue).
 *
 * <p>Each hooked queue method gets: at entry {@code token = enter(this, capacity, code)} into a
 * local added by the transformer; before each return and in a catch-all handler
 * {@code exit*(success, token, size)}. The token is the begun {@link ChannelOpEvent}, null (nothing
 * to report) or {@link #NESTED}. Same rules as {@link Hooks}: never throw, never wait, disable
 * everything on an internal error.
 */
public final class ChannelHooks {
    /** Operation names, indexed by the low byte of a hook code. */
    public static final List<String> OPS = List.of("put", "take", "offer", "poll", "add", "remove",
            "transfer", "tryTransfer", "putFirst", "putLast", "takeFirst", "takeLast", "offerFirst",
            "offerLast", "pollFirst", "pollLast", "addFirst", "addLast", "removeFirst", "removeLast",
            "push", "pop");
    private static final String[] OP_NAMES = OPS.toArray(new String[0]);
    /** By operation index: whether it waits for room or an item when there is none. */
    private static final boolean[] BLOCKING = new boolean[OP_NAMES.length];

    static {
        for (String op : List.of("put", "take", "transfer", "putFirst", "putLast", "takeFirst", "takeLast")) {
            BLOCKING[OPS.indexOf(op)] = true;
        }
    }

    /** Code bit: the overload with (long timeout, TimeUnit). */
    public static final int TIMED = 1 << 8;
    /** Code bit: the method delegates to another hooked method of the same queue (put -> putLast). */
    public static final int WRAPPER = 1 << 9;
    /** Code bit: the method is called by a wrapper of its class, so it may be nested. */
    public static final int TARGET = 1 << 10;

    /** Token of a nested call: its exit does nothing. */
    static final Object NESTED = new Object();

    /** Entry flag: a ChannelCreated was committed for this queue. */
    private static final int CREATED = 1;

    /**
     * The threads inside a wrapper queue method that has not reached its inner queue method yet
     * (LinkedBlockingDeque.put before putLast's entry), so that the inner method knows it is nested
     * and only the outermost call is reported. A slot is held only from the wrapper's entry to the
     * inner method's entry (the JDK's wrappers call it at once) or to the wrapper's exit; when the
     * table is full the wrapper claims nothing and both calls are reported.
     */
    private static final ThreadSlots<Void> IN_WRAPPER = new ThreadSlots<>(64, 8);

    private static volatile boolean enabled;
    private static final IdMap IDS = new IdMap();
    /** SynchronousQueue's internal LinkedTransferQueue subclass: not a channel of its own. */
    private static Class<?> excluded = Void.class;

    private ChannelHooks() {}

    /**
     * Sets the excluded class and initializes every class the hooks use (IdMap and its entries,
     * the thread tables, the events), so that no class initialization happens inside a hook.
     */
    public static void configure(Class<?> excludedClass) {
        excluded = excludedClass;
        new IdMap().getOrAdd(new Object());
        IN_WRAPPER.releaseOwn(Thread.currentThread());
        ChannelWaits.exit(ChannelWaits.enter(Thread.currentThread(), new ChannelOpEvent()));
        new ChannelOpEvent().isEnabled();
        new ChannelCreatedEvent().isEnabled();
    }

    public static void enable() {
        enabled = true;
    }

    static void disable() {
        enabled = false;
    }

    public static boolean enabled() {
        return enabled;
    }

    /** No recording runs any more: drop the ids (queues are announced again in the next one). */
    static void recordingsStopped() {
        IDS.clear();
    }

    /** Constructor exit (every constructor; delegating ones report once). */
    public static void created(Object queue, int capacity) {
        if (!enabled) {
            return;
        }
        try {
            if (queue.getClass() == excluded) {
                return;
            }
            ChannelCreatedEvent e = new ChannelCreatedEvent();
            if (e.isEnabled()) {
                IdMap.Entry id = IDS.getOrAdd(queue);
                if (id.claim(CREATED)) {
                    id.epoch = AgentState.chunkEpoch();
                    e.channelId = id.id;
                    e.channelClass = queue.getClass();
                    e.capacity = capacity;
                    e.observedCreation = true;
                    e.commit();
                }
            }
        } catch (Throwable t) {
            AgentState.fail("ChannelCreated hook", t);
        }
    }

    /** Queue method entry. Returns the token the exit hooks get. */
    public static Object enter(Object queue, int capacity, int code) {
        if (!enabled) {
            return null;
        }
        try {
            ChannelOpEvent e = new ChannelOpEvent();
            if (!e.isEnabled()) {
                return null;
            }
            if ((code & (TARGET | WRAPPER)) != 0) {
                Thread t = Thread.currentThread();
                if ((code & TARGET) != 0) {
                    int slot = IN_WRAPPER.find(t);
                    if (slot >= 0) {                    // called by a wrapper of this queue
                        if ((code & WRAPPER) == 0) {
                            IN_WRAPPER.release(slot);    // the innermost hooked call: end of the window
                        }
                        return NESTED;
                    }
                }
                if ((code & WRAPPER) != 0) {
                    IN_WRAPPER.claim(t, null);
                }
            }
            IdMap.Entry id = IDS.getOrAdd(queue);
            int now = AgentState.chunkEpoch();
            if (id.epoch != now) {
                announce(queue, id, capacity, now);
            }
            e.channelId = id.id;
            e.queueClass = queue.getClass();
            e.queueCapacity = capacity;
            e.op = OP_NAMES[code & 0xFF];
            e.timed = (code & TIMED) != 0;
            e.code = code;
            if (canBlock(code)) {
                e.waitSlot = ChannelWaits.enter(Thread.currentThread(), e);
            }
            Hooks.testFault();
            e.begin();
            return e;
        } catch (Throwable t) {
            AgentState.fail("ChannelOp hook", t);
            return null;
        }
    }

    /** Whether an operation may wait: put, take, transfer and their deque forms, and every timed one. */
    private static boolean canBlock(int code) {
        return (code & TIMED) != 0 || BLOCKING[code & 0xFF];
    }

    /** First use of a queue in this chunk whose creation was not reported in it. */
    private static void announce(Object queue, IdMap.Entry id, int capacity, int now) {
        id.epoch = now;
        ChannelCreatedEvent c = new ChannelCreatedEvent();
        if (c.isEnabled()) {
            id.claim(CREATED);
            c.channelId = id.id;
            c.channelClass = queue.getClass();
            c.capacity = capacity;
            c.observedCreation = false;
            c.commit();
        }
    }

    /** Exit of a method returning boolean or void (success = the result / true), or throwing (false). */
    public static void exit(boolean success, Object token, int size) {
        if (token == null || token == NESTED) {
            return;
        }
        try {
            ChannelOpEvent e = (ChannelOpEvent) token;
            ChannelWaits.exit(e.waitSlot);
            if ((e.code & WRAPPER) != 0) {
                IN_WRAPPER.releaseOwn(Thread.currentThread());   // inner method never reached
            }
            if (enabled) {
                e.end();
                if (e.shouldCommit()) {
                    e.success = success;
                    e.size = size;
                    e.commit();
                }
                Hooks.testFault();
            }
        } catch (Throwable t) {
            AgentState.fail("ChannelOp hook", t);
        }
    }

    /** Exit of a method returning an element (poll, take, ...): success = an element was returned. */
    public static void exitElement(Object result, Object token, int size) {
        if (token == null || token == NESTED) {
            return;
        }
        exit(result != null, token, size);
    }
}
