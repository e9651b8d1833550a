package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Futures that failed where nobody looked: completed exceptionally, and no {@code join},
 * {@code get}, {@code exceptionally}, {@code handle}, {@code whenComplete} or dependent stage ever
 * read the outcome, so the exception vanished. Grouped by where the futures were created and what
 * they failed with. Needs the agent's future events; without them it finds nothing.
 */
public final class UnobservedFailureDetector implements Detector {
    private static final int MAX_IDS = 50;

    @Override
    public Info info() {
        return new Info("unobserved-failure", "Unobserved failure", "CompletableFutures that completed "
                + "exceptionally without anything ever reading the failure (needs the agent).", List.of());
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        FutureChains chains = context.futures();
        FutureGraph graph = chains.graph();
        Map<String, List<Integer>> bySiteAndException = new LinkedHashMap<>();
        for (int f = 0; f < graph.size(); f++) {
            if (chains.outcome(f) == FutureChains.Outcome.UNOBSERVED_FAILURE) {
                // Where it was created (the full level), else where its exception was thrown.
                boolean created = graph.createdStack(f) >= 0;
                String key = (created ? "created in " : "thrown in ")
                        + context.site(created ? graph.createdStack(f) : graph.thrownStack(f)) + "\n" + graph.exception(f);
                bySiteAndException.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            }
        }
        List<Finding> findings = new ArrayList<>();
        bySiteAndException.forEach((key, futures) -> findings.add(finding(timeline, graph, key, oneEach(graph, futures))));
        return findings;
    }

    private static Finding finding(Timeline timeline, FutureGraph graph, String key, List<Integer> futures) {
        String where = key.substring(0, key.indexOf('\n'));
        String site = where.substring(where.indexOf(" in ") + 4);
        boolean created = where.startsWith("created");
        String exception = key.substring(key.indexOf('\n') + 1);
        Set<Lane> threads = new LinkedHashSet<>();
        List<Long> ids = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int f : futures) {
            if (graph.completer(f) >= 0) {
                threads.add(timeline.lane(graph.completer(f)));
            }
            if (ids.size() < MAX_IDS) {
                ids.add(graph.agentId(f));
            }
            start = Math.min(start, graph.created(f) == Long.MIN_VALUE ? graph.completed(f) : graph.created(f));
            end = Math.max(end, graph.completed(f));
        }
        String what = futures.size() == 1 ? "A future" : futures.size() + " futures";
        String message = what + (site.isEmpty() || !created ? "" : " created in " + site) + " failed with "
                + simple(exception) + (site.isEmpty() || created ? "" : " (thrown in " + site + ")")
                + " and nothing ever read the failure: no join, get, exceptionally, handle, whenComplete or "
                + "dependent stage, so the error was lost. Handle it (exceptionally or whenComplete with a log) or "
                + "join the future where its result matters.";
        List<Lane> lanes = List.copyOf(threads);
        return new Finding("unobserved-failure", futures.size() > 1 ? Severity.HIGH : Severity.MEDIUM, message, start,
                end, Findings.ids(lanes), Findings.names(lanes), site,
                Map.of("count", futures.size(), "exception", exception, "futureIds", ids, "evidence",
                        "the agent's loomscope.FutureCompleted with this exception, and no loomscope.FutureObserved "
                        + "(join, get, getNow, resultNow, exceptionNow, a handler stage) of it or of a dependent that "
                        + "took the failure on"), "unobserved-failure");
    }

    /**
     * One future per exception object: a failure dropped at two steps (an allOf input and its
     * node) is one lost failure. Futures whose exception id is unknown (the full level) each count.
     */
    private static List<Integer> oneEach(FutureGraph graph, List<Integer> futures) {
        Set<Long> seen = new HashSet<>();
        List<Integer> distinct = new ArrayList<>();
        for (int f : futures) {
            long id = graph.exceptionId(f);
            if (id == 0 || seen.add(id)) {
                distinct.add(f);
            }
        }
        return distinct;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
