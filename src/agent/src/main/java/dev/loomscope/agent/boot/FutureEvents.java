package dev.loomscope.agent.boot;

/**
 * Writes the events of {@code futures=on}, for {@link FutureHooks}: a future's creation (at its
 * call site when the agent found it, else with a stack), its edges, its observations and its
 * completion. The hooks decide what happened; this says it: a virtual thread's events as records
 * on its carrier ({@link FutureRecords}) where a record can carry them.
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
    static boolean created(FutureCreatedEvent c, long id, String kind, Object src, Object src2) throws Throwable {
        CallSites.Site site = FutureSites.take(kind);
        if (site != null && CallSites.announced(site)) {
            FutureCreatedAtSiteEvent at = new FutureCreatedAtSiteEvent();
            if (at.isEnabled()) {
                long source = src == null ? 0 : FutureIds.id(src);
                long source2 = src2 == null ? 0 : FutureIds.id(src2);
                if (!FutureRecords.add(FutureRecords.CREATED_AT_SITE, id, site.id, source, source2, System.nanoTime(), 0)) {
                    at.futureId = id;
                    at.site = site.id;
                    at.sourceId = source;
                    at.source2Id = source2;
                    at.commit();
                }
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

    /** {@code waits}: the call waits for the outcome ({@code join}, {@code get}). */
    static void observed(Object future, String how, boolean waits) throws Throwable {
        long id = FutureIds.shownId(future);
        if (id == 0 || FutureRecords.add(FutureRecords.OBSERVED | (waits ? FutureRecords.WAITS : 0), id, 0, 0, 0,
                System.nanoTime(), 0)) {
            return;
        }
        FutureObservedEvent e = new FutureObservedEvent();
        e.futureId = id;
        e.how = how;
        e.commit();
    }

    static void completed(long id, Object result) throws Throwable {
        Throwable x = FutureOutcomes.exception(result);
        if (x == null && FutureRecords.add(FutureRecords.COMPLETED, id, 0, 0, 0, System.nanoTime(), 0)) {
            return;
        }
        FutureCompletedEvent e = new FutureCompletedEvent();
        e.futureId = id;
        if (x != null) {
            e.exceptionClass = x.getClass();
            e.thrownAt = FutureOutcomes.thrownAt(x);
        }
        e.commit();
    }
}
