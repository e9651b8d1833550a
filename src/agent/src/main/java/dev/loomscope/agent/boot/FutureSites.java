package dev.loomscope.agent.boot;

import java.util.Arrays;

/**
 * The calls in the program's code that create futures, found as their classes load (the agent's
 * CallSiteTransformer), so that a future one of them makes is placed by the site's id rather than
 * by a stack: JFR takes a stack for a microsecond or more an event, and a fan-out of futures made
 * most of the full capture's cost that way. The site's class, method and line are exact: they come
 * from the class file, not from a sample.
 *
 * <p>The instrumented call is bracketed, {@link #at} before it and {@link #done} after. The future's
 * creation hook, on the same thread and before any of the program's code runs again, takes the site
 * when its kind is the one the call makes ({@link #take}); a call that made none (a CompletionStage
 * that is no CompletableFuture) leaves it to {@code done}. A call that throws before creating its
 * future (a null function) leaves the site pending until the thread's next instrumented call: a
 * creation of the same kind by code the agent did not instrument, on that thread, in between,
 * would take it; the JDK throws there only for null arguments.
 */
public final class FutureSites {
    private static final Object LOCK = new Object();
    /** By id - 1; replaced whole when it grows or gains a site, so a reader sees every site it can be asked for. */
    private static volatile Site[] sites = new Site[64];
    private static int count;
    /** The site of the call a thread is in, until the creation hook takes it or the call returns. */
    private static final ThreadSlots<Site> PENDING = new ThreadSlots<>(256, 8);

    /** A call that creates futures, and the kind of future it creates ({@link FutureHooks#KINDS}, "+Async"). */
    static final class Site {
        final long id;
        final String className;
        final String method;
        final int line;
        final String kind;
        /** The chunk epoch ({@link AgentState#chunkEpoch}) in which its CallSite was last committed. */
        volatile int announced;

        Site(long id, String className, String method, int line, String kind) {
            this.id = id;
            this.className = className;
            this.method = method;
            this.line = line;
            this.kind = kind;
        }
    }

    private FutureSites() {
    }

    /** The transformer found a call creating a future of {@code kind}: its id, pushed before the call. */
    public static int register(String className, String method, int line, String kind) {
        synchronized (LOCK) {
            Site[] all = sites;
            if (count == all.length) {
                all = Arrays.copyOf(all, count * 2);
            } else {
                all = all.clone();
            }
            int id = ++count;
            all[id - 1] = new Site(id, className, method, line, kind);
            sites = all;
            return id;
        }
    }

    /** Before an instrumented call: the thread is about to create a future at {@code site}. */
    public static void at(int site) {
        try {
            Thread thread = Thread.currentThread();
            Site s = sites[site - 1];
            int slot = PENDING.find(thread);
            if (slot >= 0) {
                PENDING.release(slot);           // left by a call that threw before creating
            }
            PENDING.claim(thread, s);            // a full table: the future takes a stack instead
        } catch (Throwable t) {
            AgentState.fail("call site hook", t);
        }
    }

    /** After the instrumented call returned: nothing is pending any more. */
    public static void done() {
        try {
            PENDING.releaseOwn(Thread.currentThread());
        } catch (Throwable t) {
            AgentState.fail("call site hook", t);
        }
    }

    /** The site of the call the current thread is in, if it creates a future of {@code kind}; taken. */
    static Site take(String kind) {
        Thread thread = Thread.currentThread();
        int slot = PENDING.find(thread);
        if (slot < 0) {
            return null;
        }
        Site s = PENDING.value(slot);
        if (s == null || !s.kind.equals(kind)) {
            return null;                         // made by something inside the call: the call's own comes later
        }
        PENDING.release(slot);
        return s;
    }

    /** Commits the site's CallSite unless this chunk has it; false when that event is off. */
    static boolean announced(Site site) {
        int now = AgentState.chunkEpoch();
        if (site.announced == now) {
            return true;
        }
        CallSiteEvent e = new CallSiteEvent();
        if (!e.isEnabled()) {
            return false;
        }
        e.site = site.id;
        e.className = site.className;
        e.method = site.method;
        e.line = site.line;
        e.kind = site.kind;
        e.commit();
        site.announced = now;
        return true;
    }

    /** Initializes what the hooks use, outside any hook. */
    static void init() {
        take("");
        new CallSiteEvent().isEnabled();
        new FutureCreatedAtSiteEvent().isEnabled();
    }
}
