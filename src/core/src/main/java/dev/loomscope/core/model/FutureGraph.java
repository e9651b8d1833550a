package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Every {@code CompletableFuture} the agent saw (tier 1), and the edges from a stage to its
 * dependents: a DAG. Stored column by column, a future being an index; strings (kinds, exception
 * classes) are interned. Chains are the weakly connected parts of the DAG.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FutureGraph {
    private static final long NONE = Long.MIN_VALUE;
    /** An edge kind that is its dependent's kind (the agent writes "" rather than the name again). */
    private static final int SAME_AS_DEPENDENT = -1;

    private LongIndex byAgentId = new LongIndex();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();

    private long[] agentId = new long[64];
    private long[] created = new long[64];
    private int[] createdStack = new int[64];
    /** The program's call that created it (an index of {@link #sites}), or -1: its stack says where. */
    private int[] createdSite = new int[64];
    private final CallSites sites = new CallSites();
    private int[] kind = new int[64];
    private long[] completed = new long[64];
    private int[] exception = new int[64];
    private int[] thrownStack = new int[64];
    private long[] exceptionId = new long[64];
    /** The ids of the exceptions someone read (futures=failures: FutureObserved.exceptionId). */
    private final Set<Long> exceptionsRead = new HashSet<>();
    private int[] completer = new int[64];
    private boolean[] observed = new boolean[64];
    /** Handler stages observe their sources ({@link HandlerStages}); {@code changes} counts what could change that. */
    private final HandlerStages handlers = new HandlerStages();
    private long changes;
    private int size;

    private int[] edgeFrom = new int[64];
    private int[] edgeTo = new int[64];
    private int[] edgeKind = new int[64];
    private int edges;

    private final FutureWaits waits = new FutureWaits();
    private final FutureRuns runs = new FutureRuns();
    /** How many times old chains were dropped: indexes changed, so arrangements of the graph are stale. */
    private int drops;

    public int size() {
        return size;
    }

    public long agentId(int f) {
        return agentId[f];
    }

    /** When it was created, or {@link Long#MIN_VALUE} when the agent met it only later. */
    public long created(int f) {
        return created[f];
    }

    /**
     * Where it was created: the stack JFR took, or, for a future made by a call the agent found in
     * the program's code, that call as a one-frame stack; -1 when not known.
     */
    public int createdStack(int f) {
        return createdSite[f] >= 0 ? sites.stack(createdSite[f]) : createdStack[f];
    }

    /** Where its exception was thrown (the first frame outside the JDK), or -1: completed normally, or not known. */
    public int thrownStack(int f) {
        return thrownStack[f];
    }

    /** How it was made: {@code supplyAsync}, {@code thenApply}, {@code allOf}, {@code new}..., or "". */
    public String kind(int f) {
        return createdSite[f] >= 0 ? sites.kind(createdSite[f]) : names.get(kind[f]);
    }

    public boolean isCompleted(int f) {
        return completed[f] != NONE;
    }

    /** When it completed, or {@link Long#MIN_VALUE}. */
    public long completed(int f) {
        return completed[f];
    }

    /** The exception class it failed with, or null if it did not fail. */
    public String exception(int f) {
        return exception[f] < 0 ? null : names.get(exception[f]);
    }

    /**
     * Whether anything read its outcome (join, get, an exceptionally/handle/whenComplete stage...),
     * or read its exception through another future that held it (a stage it passed it to).
     */
    public boolean observed(int f) {
        return observed[f] || exceptionId[f] != 0 && exceptionsRead.contains(exceptionId[f])
                || handlers.observe(this, f, changes);
    }

    /** The id of its exception object, the same for every future that held it; 0 when not known. */
    public long exceptionId(int f) {
        return exceptionId[f];
    }

    /** The lane of the thread that completed it, or -1. */
    public int completer(int f) {
        return completer[f];
    }

    public int edgeCount() {
        return edges;
    }

    public int edgeFrom(int e) {
        return edgeFrom[e];
    }

    public int edgeTo(int e) {
        return edgeTo[e];
    }

    /** Whether edge {@code e} is one of its dependent's own sources (not a {@code composeInner}). */
    boolean isSourceEdge(int e) {
        return edgeKind[e] == SAME_AS_DEPENDENT;
    }

    /** The stage method that made the edge: the dependent's own kind, or {@code composeInner}. */
    public String edgeKind(int e) {
        return edgeKind[e] == SAME_AS_DEPENDENT ? kind(edgeTo[e]) : names.get(edgeKind[e]);
    }

    public int runCount() {
        return runs.count();
    }

    public int runFuture(int r) {
        return runs.future(r);
    }

    /** The lane of the thread that ran continuation {@code r}. */
    public int runLane(int r) {
        return runs.lane(r);
    }

    public long runStart(int r) {
        return runs.start(r);
    }

    public long runEnd(int r) {
        return runs.end(r);
    }

    public int waitCount() {
        return waits.count();
    }

    /** The lane of the thread that called {@code join} or {@code get} in wait {@code w}. */
    public int waitLane(int w) {
        return waits.lane(w);
    }

    /** When wait {@code w} began (the call). */
    public long waitTime(int w) {
        return waits.time(w);
    }

    public int waitFuture(int w) {
        return waits.future(w);
    }

    /**
     * The future that lane {@code lane} waited on in a {@code join} or {@code get} called within
     * {@code [from, to]}: the last such call, or -1. This is how a blocked-on-future span of the
     * Threads view finds its future.
     */
    public int waitedOn(int lane, long from, long to) {
        return waits.waitedOn(lane, from, to);
    }

    /**
     * The future {@code lane} waited on in a blocked stretch that began at {@code blockedFrom}: the
     * last {@code join}/{@code get} it called from the start of the span before the stretch (the
     * call is made while the thread still runs, and may spin a while before it parks) to
     * {@code to}; -1 when the agent saw none.
     */
    public int waitedOn(Lane lane, long blockedFrom, long to) {
        int before = lane.spanIndexAt(blockedFrom - 1);
        long from = before >= 0 ? lane.spanStart(before) : blockedFrom - 1_000_000;
        return waitedOn(lane.id(), Math.min(from, blockedFrom - 1_000_000), to);
    }

    /** The future the agent calls {@code id}, or -1. */
    public int indexOf(long id) {
        return byAgentId.get(id);
    }

    /** Per future, its chain (the connected part of the DAG it is in), numbered from 0 by first future. */
    public int[] chains() {
        int[] parent = new int[size];
        for (int f = 0; f < size; f++) {
            parent[f] = f;
        }
        for (int e = 0; e < edges; e++) {
            int a = root(parent, edgeFrom[e]);
            int b = root(parent, edgeTo[e]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] chain = new int[size];
        int[] number = new int[size];
        Arrays.fill(number, -1);
        int next = 0;
        for (int f = 0; f < size; f++) {
            int r = root(parent, f);
            if (number[r] < 0) {
                number[r] = next++;
            }
            chain[f] = number[r];
        }
        return chain;
    }

    private static int root(int[] parent, int f) {
        while (parent[f] != f) {
            parent[f] = parent[parent[f]];
            f = parent[f];
        }
        return f;
    }

    /** Changes when a future, edge, run or wait is added or dropped: what an arrangement of the graph depends on. */
    public long shape() {
        return (((long) drops * 31 + size) * 31 + edges) * 961 + (long) runs.count() * 31 + waits.count();
    }

    // ---- writing: TimelineWriter only ----

    /**
     * Drops the chains that were over before {@code t}, as a live session drops spans that left
     * its window: every future of the chain completed before {@code t}, and its runs and waits
     * too. A chain with a future still pending stays whole, however old: a thread may still wait
     * on it. Futures, edges, runs and waits are renumbered, keeping their order.
     *
     * @return for each wait before the drop, its index after it, or -1: dropped; null if nothing was dropped
     */
    int[] dropBefore(long t) {
        changes++;
        int[] chain = chains();
        boolean[] live = new boolean[size]; // by chain number
        for (int f = 0; f < size; f++) {
            live[chain[f]] |= completed[f] == NONE || completed[f] >= t || created[f] >= t;
        }
        for (int r = 0; r < runs.count(); r++) {
            live[chain[runs.future(r)]] |= runs.end(r) >= t;
        }
        for (int w = 0; w < waits.count(); w++) {
            live[chain[waits.future(w)]] |= waits.time(w) >= t;
        }
        int[] index = new int[size];
        int kept = 0;
        for (int f = 0; f < size; f++) {
            index[f] = live[chain[f]] ? kept++ : -1;
        }
        if (kept == size) {
            return null;
        }
        keepFutures(index, kept);
        keepEdges(index);
        runs.keep(index);
        drops++;
        return waits.keep(index);
    }

    /** Moves future {@code f} to {@code index[f]} (never later: the order is kept), dropping the -1s. */
    private void keepFutures(int[] index, int kept) {
        byAgentId = new LongIndex();
        Set<Long> exceptionsHeld = new HashSet<>();
        for (int f = 0; f < size; f++) {
            int to = index[f];
            if (to < 0) {
                continue;
            }
            agentId[to] = agentId[f];
            created[to] = created[f];
            createdStack[to] = createdStack[f];
            createdSite[to] = createdSite[f];
            kind[to] = kind[f];
            completed[to] = completed[f];
            exception[to] = exception[f];
            thrownStack[to] = thrownStack[f];
            exceptionId[to] = exceptionId[f];
            completer[to] = completer[f];
            observed[to] = observed[f];
            byAgentId.put(agentId[to], to);
            exceptionsHeld.add(exceptionId[to]);
        }
        exceptionsRead.retainAll(exceptionsHeld);
        size = kept;
    }

    private void keepEdges(int[] index) {
        int kept = 0;
        for (int e = 0; e < edges; e++) {
            if (index[edgeFrom[e]] >= 0) { // an edge joins one chain: both ends stay, or neither
                edgeFrom[kept] = index[edgeFrom[e]];
                edgeTo[kept] = index[edgeTo[e]];
                edgeKind[kept++] = edgeKind[e];
            }
        }
        edges = kept;
    }

    int future(long id) {
        int f = byAgentId.get(id);
        if (f >= 0) {
            return f;
        }
        if (size == agentId.length) {
            int n = size * 2;
            agentId = Arrays.copyOf(agentId, n);
            created = Arrays.copyOf(created, n);
            createdStack = Arrays.copyOf(createdStack, n);
            createdSite = Arrays.copyOf(createdSite, n);
            kind = Arrays.copyOf(kind, n);
            completed = Arrays.copyOf(completed, n);
            exception = Arrays.copyOf(exception, n);
            thrownStack = Arrays.copyOf(thrownStack, n);
            exceptionId = Arrays.copyOf(exceptionId, n);
            completer = Arrays.copyOf(completer, n);
            observed = Arrays.copyOf(observed, n);
        }
        agentId[size] = id;
        created[size] = NONE;
        createdStack[size] = -1;
        createdSite[size] = -1;
        kind[size] = name("");
        completed[size] = NONE;
        exception[size] = -1;
        thrownStack[size] = -1;
        completer[size] = -1;
        byAgentId.put(id, size);
        return size++;
    }

    /** Returns the future's index. */
    int created(long id, long t, String how, int stack) {
        changes++;
        int f = future(id);
        created[f] = t;
        kind[f] = name(how == null ? "" : how);
        createdStack[f] = stack;
        return f;
    }

    void createdAtSite(long id, long t, long site) {
        int f = created(id, t, "", -1);
        createdSite[f] = sites.site(site);
    }

    void callSite(long site, int stack, String makes) {
        changes++;
        sites.located(site, stack, makes);
    }

    void edge(long from, long to, String how) {
        changes++;
        if (edges == edgeFrom.length) {
            edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
            edgeTo = Arrays.copyOf(edgeTo, edges * 2);
            edgeKind = Arrays.copyOf(edgeKind, edges * 2);
        }
        edgeFrom[edges] = future(from);
        edgeTo[edges] = future(to);
        edgeKind[edges] = how == null || how.isEmpty() ? SAME_AS_DEPENDENT : name(how);
        edges++;
    }

    /**
     * How a future failed, as the agent reports it.
     *
     * @param exceptionClass the exception's class name (a CompletionException's cause)
     * @param thrownAt       the stack where it was thrown, or -1
     * @param exceptionId    the exception object's id, or 0
     */
    public record Failure(String exceptionClass, int thrownAt, long exceptionId) {
    }

    void completed(long id, long t, Failure failure, int lane) {
        int f = future(id);
        if (completed[f] == NONE || t < completed[f]) {
            completed[f] = t;
            exception[f] = failure == null ? -1 : name(failure.exceptionClass());
            thrownStack[f] = failure == null ? -1 : failure.thrownAt();
            exceptionId[f] = failure == null ? 0 : failure.exceptionId();
            completer[f] = lane;
        }
    }

    void exceptionRead(long exceptionId) {
        exceptionsRead.add(exceptionId);
    }

    void observed(long id) {
        int f = future(id); // first: it may grow the arrays, and observed[...] would be the old one
        observed[f] = true;
    }

    void waited(long id, int lane, long t) {
        waits.add(future(id), lane, t);
    }

    void ran(long id, int lane, long from, long to) {
        runs.add(future(id), lane, from, to);
    }

    private int name(String text) {
        Integer id = nameIds.get(text);
        if (id == null) {
            id = names.size();
            names.add(text);
            nameIds.put(text, id);
        }
        return id;
    }
}
