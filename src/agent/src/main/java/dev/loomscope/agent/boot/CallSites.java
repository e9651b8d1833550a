package dev.loomscope.agent.boot;

import java.util.Arrays;

/**
 * The calls in the program's code that the agent brackets as their classes load (its
 * CallSiteTransformer): calls that create futures ({@link FutureSites}) and calls that may park
 * ({@link BlockSites}). An event made inside such a call names the call's site by id instead of
 * taking a stack: JFR takes a stack for a microsecond or more an event, and a fan-out of futures
 * or of parks made most of the full capture's cost that way. A site's class, method and line are
 * exact: they come from the class file, not from a sample.
 *
 * <p>Its {@link CallSiteEvent} is committed the first time the site is used in each chunk, before
 * the event that names it, on the same thread.
 */
public final class CallSites {
    private static final Object LOCK = new Object();
    /**
     * By id - 1. A site is written in place and the array written back after it (a copy only when
     * it grows): that volatile write is what lets a reader given the id see the site. Copying the
     * whole array for each site cost a large program's class loading a pass over every site so far.
     */
    private static volatile Site[] sites = new Site[64];
    private static int count;

    /** A bracketed call: where it is, and what it makes (a kind of future) or calls (a blocking method). */
    static final class Site {
        final long id;
        final String className;
        final String method;
        final int line;
        /** The kind of future the call makes ({@link FutureHooks#KINDS}, "+Async"); "" for a blocking call. */
        final String kind;
        /** The blocking method called, "class.method" as the call names it; "" for a call that makes futures. */
        final String callee;
        /** The chunk epoch ({@link AgentState#chunkEpoch}) in which its CallSite was last committed. */
        volatile int announced;

        Site(long id, String className, String method, int line, String kind, String callee) {
            this.id = id;
            this.className = className;
            this.method = method;
            this.line = line;
            this.kind = kind;
            this.callee = callee;
        }
    }

    private CallSites() {
    }

    /**
     * The transformer found a call that makes futures of {@code kind}, or that calls the blocking
     * method {@code callee}: its id, pushed before the call.
     */
    public static int register(String className, String method, int line, String kind, String callee) {
        synchronized (LOCK) {
            Site[] all = sites;
            if (count == all.length) {
                all = Arrays.copyOf(all, count * 2);
            }
            int id = ++count;
            all[id - 1] = new Site(id, className, method, line, kind, callee);
            sites = all;
            return id;
        }
    }

    static Site get(int id) {
        return sites[id - 1];
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
        e.callee = site.callee;
        e.commit();
        site.announced = now;
        return true;
    }
}
