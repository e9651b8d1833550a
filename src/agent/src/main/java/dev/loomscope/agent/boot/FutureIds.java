package dev.loomscope.agent.boot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Each future's id (unique in the JVM, never reused) and two flags: whether its creation was
 * reported, whether it is one of the JDK's internal futures (never reported).
 *
 * <p>Kept in two fields the agent adds to {@code CompletableFuture} when it loads the class itself
 * (the agent started with the JVM; {@link FutureHooks#ID_FIELD}), else in a weak identity map ({@link IdMap}). The
 * map was a quarter of the full capture's cost on a fan-out of futures (every hook looks a future
 * up: a cache miss or two, and a rehash of its stripe after each GC); the fields cost a field
 * read. Each method below looks the future up once.
 */
final class FutureIds {
    static final int CREATED = 1;
    static final int HIDDEN = 2;

    /** The added fields, or null when CompletableFuture was loaded before the agent (then the map). */
    private static final VarHandle ID;
    private static final VarHandle FLAGS;
    private static final IdMap MAP = new IdMap();

    static {
        VarHandle id = null;
        VarHandle flags = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(CompletableFuture.class, MethodHandles.lookup());
            id = lookup.findVarHandle(CompletableFuture.class, FutureHooks.ID_FIELD, long.class);
            flags = lookup.findVarHandle(CompletableFuture.class, FutureHooks.FLAGS_FIELD, int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            id = null;                                  // not added: the class was loaded before the agent
            flags = null;
        }
        ID = id;
        FLAGS = flags;
    }

    private FutureIds() {
    }

    /** Whether the ids live in the added fields (else in the map). */
    static boolean inFields() {
        return ID != null;
    }

    static long id(Object future) {
        if (ID == null) {
            return MAP.getOrAdd(future).id;
        }
        CompletableFuture<?> f = (CompletableFuture<?>) future;
        long id = (long) ID.getAcquire(f);
        if (id != 0) {
            return id;
        }
        long fresh = IdMap.nextId();
        long witness = (long) ID.compareAndExchange(f, 0L, fresh);
        return witness == 0 ? fresh : witness;
    }

    /** Its id, or 0 when it is hidden. */
    static long shownId(Object future) {
        if (ID == null) {
            IdMap.Entry e = MAP.getOrAdd(future);
            return e.has(HIDDEN) ? 0 : e.id;
        }
        return ((int) FLAGS.getAcquire((CompletableFuture<?>) future) & HIDDEN) != 0 ? 0 : id(future);
    }

    /** Claims its creation: its id if this call did, minus its id if its creation was claimed before. */
    static long claimCreation(Object future) {
        if (ID == null) {
            IdMap.Entry e = MAP.getOrAdd(future);
            return e.claim(CREATED) ? e.id : -e.id;
        }
        long id = id(future);
        int before = (int) FLAGS.getAndBitwiseOr((CompletableFuture<?>) future, CREATED);
        return (before & CREATED) == 0 ? id : -id;
    }

    static void hide(Object future) {
        if (ID == null) {
            MAP.getOrAdd(future).claim(HIDDEN);
        } else {
            FLAGS.getAndBitwiseOr((CompletableFuture<?>) future, HIDDEN);
        }
    }

    /** No recording runs any more: the map forgets its futures (fields go with their futures). */
    static void recordingsStopped() {
        MAP.clear();
    }
}
