package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The {@link FutureGraph} arranged for reading: futures grouped by chain (the connected parts of
 * the DAG) in the order the chains began, each chain's futures in creation order; every future's
 * sources, dependents, continuation runs and waits as index ranges; and what became of it. Built
 * once per version of the graph (O(n log n)); every query after that is O(1) or O(answer).
 * Callers hold the timeline's read lock while building.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FutureChains {
    /** What became of a future by the end of the recording. */
    public enum Outcome {
        /** Completed normally. */
        COMPLETED,
        /** Completed exceptionally, and the failure was read or passed on to a dependent. */
        FAILED,
        /**
         * Completed exceptionally, and nothing ever read the failure: no join, get or handler, and
         * no dependent took it on (an {@code allOf} carries only its first failed input's failure,
         * an {@code anyOf} only the first input to complete: the others are hidden).
         */
        UNOBSERVED_FAILURE,
        /**
         * Cancelled ({@code CancellationException}, its own or a source's): a stop someone chose,
         * not a failure waiting to be read (.NET does not report a cancelled task as unobserved).
         */
        CANCELLED,
        /** Not completed when the recording ended. */
        PENDING
    }

    private static final String CANCELLATION = "java.util.concurrent.CancellationException";

    private final FutureGraph graph;
    private final int[] order;
    private final int[] chainStart;
    private final int[] chainOf;
    private final int[] dependents;
    private final int[] dependentStart;
    private final int[] sources;
    private final int[] sourceStart;
    private final int[] runs;
    private final int[] runStart;
    private final int[] waits;
    private final int[] waitStart;
    private final long shape;

    private FutureChains(FutureGraph graph) {
        this.graph = graph;
        int n = graph.size();
        chainOf = graph.chains();
        int chains = Arrays.stream(chainOf).max().orElse(-1) + 1;
        order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingInt(f -> chainOf[f]).thenComparingLong(graph::created)
                        .thenComparingInt(f -> f))
                .mapToInt(Integer::intValue).toArray();
        chainStart = new int[chains + 1];
        for (int f : chainOf) {
            chainStart[f + 1]++;
        }
        Arrays.parallelPrefix(chainStart, Integer::sum);
        int edges = graph.edgeCount();
        dependentStart = new int[n + 1];
        sourceStart = new int[n + 1];
        dependents = group(n, edges, graph::edgeFrom, dependentStart);
        sources = group(n, edges, graph::edgeTo, sourceStart);
        runStart = new int[n + 1];
        runs = group(n, graph.runCount(), graph::runFuture, runStart);
        waitStart = new int[n + 1];
        waits = group(n, graph.waitCount(), graph::waitFuture, waitStart);
        shape = shape(graph);
    }

    /** What the arrangement depends on: completions and observations change no index. */
    private static long shape(FutureGraph graph) {
        return graph.shape();
    }

    /**
     * Whether this still arranges its graph: no future, edge, run or wait was added or dropped since (a live
     * graph grows; rebuilding costs O(n log n), so views rebuild only when this says no).
     */
    public boolean isCurrent() {
        return shape == shape(graph);
    }

    /** Arranges {@code graph}; call with the timeline's read lock held. */
    public static FutureChains of(FutureGraph graph) {
        return new FutureChains(graph);
    }

    /** Groups items 0..count-1 by {@code owner(item)}: CSR, item ids in {@code result[start[o]..start[o+1])}. */
    private static int[] group(int owners, int count, java.util.function.IntUnaryOperator owner, int[] start) {
        for (int i = 0; i < count; i++) {
            start[owner.applyAsInt(i) + 1]++;
        }
        Arrays.parallelPrefix(start, Integer::sum);
        int[] fill = Arrays.copyOf(start, owners);
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            items[fill[owner.applyAsInt(i)]++] = i;
        }
        return items;
    }

    public FutureGraph graph() {
        return graph;
    }

    public int chainCount() {
        return chainStart.length - 1;
    }

    public int chainSize(int chain) {
        return chainStart[chain + 1] - chainStart[chain];
    }

    /** The {@code k}-th future of {@code chain}, in creation order. */
    public int future(int chain, int k) {
        return order[chainStart[chain] + k];
    }

    public int chainOf(int future) {
        return chainOf[future];
    }

    public Outcome outcome(int f) {
        if (!graph.isCompleted(f)) {
            return Outcome.PENDING;
        }
        if (graph.exception(f) == null) {
            return Outcome.COMPLETED;
        }
        if (graph.exception(f).equals(CANCELLATION)) {
            return Outcome.CANCELLED;
        }
        return graph.observed(f) || failureCarried(f) ? Outcome.FAILED : Outcome.UNOBSERVED_FAILURE;
    }

    /** Whether a dependent of failed future {@code f} took its failure on. */
    private boolean failureCarried(int f) {
        for (int k = 0; k < dependentCount(f); k++) {
            int edge = dependentEdge(f, k);
            int dependent = graph.edgeTo(edge);
            boolean carried = switch (graph.edgeKind(edge)) {
                case "allOf" -> firstSource(dependent, true) == f;
                case "anyOf" -> firstSource(dependent, false) == f;
                default -> true;
            };
            if (carried) {
                return true;
            }
        }
        return false;
    }

    /**
     * The input of {@code dependent} whose outcome it took: with {@code firstFailed}, the first
     * failed input in argument order ({@code allOf} reports that one); otherwise the first input
     * to complete ({@code anyOf}).
     */
    private int firstSource(int dependent, boolean firstFailed) {
        int chosen = -1;
        for (int k = 0; k < sourceCount(dependent); k++) {
            int source = graph.edgeFrom(sourceEdge(dependent, k));
            if (!graph.isCompleted(source)) {
                continue;
            }
            if (firstFailed && graph.exception(source) != null) {
                return source;
            }
            if (!firstFailed && (chosen < 0 || graph.completed(source) < graph.completed(chosen))) {
                chosen = source;
            }
        }
        return chosen;
    }

    /** How many futures of {@code chain} ended with {@code outcome}. */
    public int count(int chain, Outcome outcome) {
        int n = 0;
        for (int k = 0; k < chainSize(chain); k++) {
            if (outcome(future(chain, k)) == outcome) {
                n++;
            }
        }
        return n;
    }

    public int dependentCount(int f) {
        return dependentStart[f + 1] - dependentStart[f];
    }

    /** The edge ({@link FutureGraph#edgeFrom}/{@code edgeTo}/{@code edgeKind}) to {@code f}'s {@code k}-th dependent. */
    public int dependentEdge(int f, int k) {
        return dependents[dependentStart[f] + k];
    }

    public int sourceCount(int f) {
        return sourceStart[f + 1] - sourceStart[f];
    }

    /** The edge from {@code f}'s {@code k}-th source. */
    public int sourceEdge(int f, int k) {
        return sources[sourceStart[f] + k];
    }

    public int runCount(int f) {
        return runStart[f + 1] - runStart[f];
    }

    /** The {@code k}-th continuation run of {@code f} ({@link FutureGraph#runStart} and so on). */
    public int run(int f, int k) {
        return runs[runStart[f] + k];
    }

    public int waitCount(int f) {
        return waitStart[f + 1] - waitStart[f];
    }

    /** The {@code k}-th {@code join}/{@code get} call on {@code f} ({@link FutureGraph#waitLane} and so on). */
    public int waitOn(int f, int k) {
        return waits[waitStart[f] + k];
    }
}
