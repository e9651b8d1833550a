package dev.loomscope.core.model;

import java.util.BitSet;
import java.util.Set;

/**
 * The futures a handler stage observes: a {@code handle}, {@code whenComplete}, {@code exceptionally}
 * or {@code exceptionallyCompose} stage reads its source's outcome, so its source edge is an
 * observation. Agents since 2026-12-05 write no FutureObserved for a handler made at a call site
 * (its creation event names the source, its site the kind), and the site's CallSite may be read
 * after the edge: the observed sources are found from the edges when asked, and found again only
 * when edges, kinds or sites were added since. Readers may race to find them: the same result.
 */
final class HandlerStages {
    private static final Set<String> HANDLERS = Set.of("whenComplete", "whenCompleteAsync", "handle",
            "handleAsync", "exceptionally", "exceptionallyAsync", "exceptionallyCompose", "exceptionallyComposeAsync");

    private record Found(long changes, BitSet sources) {}

    private volatile Found found = new Found(-1, new BitSet());

    /** Whether future {@code f} of {@code graph} is the source of a handler stage; {@code changes} counts what could change it. */
    boolean observe(FutureGraph graph, int f, long changes) {
        Found now = found;
        if (now.changes != changes) {
            BitSet sources = new BitSet();
            for (int e = 0; e < graph.edgeCount(); e++) {
                if (graph.isSourceEdge(e) && HANDLERS.contains(graph.kind(graph.edgeTo(e)))) {
                    sources.set(graph.edgeFrom(e));
                }
            }
            now = new Found(changes, sources);
            found = now;
        }
        return now.sources.get(f);
    }
}
