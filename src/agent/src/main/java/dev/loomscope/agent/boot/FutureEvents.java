package dev.loomscope.agent.boot;

/**
 * Writes the events of {@code futures=on}, for {@link FutureHooks}: a future's creation (at its
 * call site when the agent found it, else with a stack), its edges, its observations and its
 * completion. The hooks decide what happened; this says it.
 */
final class FutureEvents {
    private FutureEvents() {
    }

    /**
     * Commits a future's creation: by the id of the program's call that made it when the agent
     * found that call in the program's code ({@link FutureSites}), with the sources it completes
     * from (true: their edges are written); else with the stack ({@code c}), its edges left to
     * the caller (false).
     */
    static boolean created(FutureCreatedEvent c, long id, String kind, Object src, Object src2) {
        CallSites.Site site = FutureSites.take(kind);
        if (site != null && CallSites.announced(site)) {
            FutureCreatedAtSiteEvent at = new FutureCreatedAtSiteEvent();
            if (at.isEnabled()) {
                at.futureId = id;
                at.site = site.id;
                at.sourceId = src == null ? 0 : FutureIds.id(src);
                at.source2Id = src2 == null ? 0 : FutureIds.id(src2);
                at.commit();
                return true;
            }
        }
        c.futureId = id;
        c.kind = kind;
        c.commit();
        return false;
    }

    static void edge(Object src, long dependent, String kind) {
        if (src == null) {
            return;
        }
        FutureEdgeEvent e = new FutureEdgeEvent();
        e.sourceId = FutureIds.id(src);
        e.dependentId = dependent;
        e.kind = kind;
        e.commit();
    }

    static void observed(Object future, String how) {
        long id = FutureIds.shownId(future);
        if (id == 0) {
            return;
        }
        FutureObservedEvent e = new FutureObservedEvent();
        e.futureId = id;
        e.how = how;
        e.commit();
    }

    static void completed(long id, Object result) throws Throwable {
        FutureCompletedEvent e = new FutureCompletedEvent();
        e.futureId = id;
        Throwable x = FutureOutcomes.exception(result);
        if (x != null) {
            e.exceptionClass = x.getClass();
            e.thrownAt = FutureOutcomes.thrownAt(x);
        }
        e.commit();
    }
}
