package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Futures waited on and never completed: threads still blocked in {@code get}/{@code join} at the
 * end, for the threshold or longer. With the agent, the future each one waits on is known: the
 * finding names it and where it was created (whoever should have completed it starts there), and
 * groups by that; without, it groups by where the threads wait.
 */
public final class NeverCompletedDetector implements Detector {
    static final Threshold MIN_WAIT = new Threshold("neverCompleted.minWaitMs", "Still waiting at the end after (ms)", 1_000, "ms");

    @Override
    public Info info() {
        return new Info("never-completed", "Never-completed future", "Threads blocked on a future's get() or "
                + "join() from the threshold or longer before the end until the end.", List.of(MIN_WAIT));
    }

    /** The threads waiting at one place, and the future they wait on (-1 when not known). */
    private record Waiters(String site, int future, List<Lane> lanes) {
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        FutureGraph graph = timeline.futures();
        Map<String, Waiters> groups = new LinkedHashMap<>();
        EndSnapshots atEnd = EndSnapshots.of(context);
        for (Lane lane : timeline.lanes()) {
            if (lane.ended() || lane.lifeEnd() <= lane.lifeStart() || context.kind(lane) == LaneGroup.Kind.JVM) {
                continue;
            }
            ThreadSnapshot dumped = atEnd.byLane().get(lane.id());
            if (lane.stateAt(lane.lifeEnd() - 1) != ThreadState.BLOCKED_FUTURE) {
                if (dumped != null && dumped.state() == ThreadState.BLOCKED_FUTURE) {
                    silentWaiter(context, lane, dumped, groups);
                }
                continue;
            }
            long since = lane.stuckSince();
            if (lane.lifeEnd() - since < context.nanos(MIN_WAIT)) {
                continue;
            }
            int future = graph.waitedOn(lane, since, lane.lifeEnd());
            if (future >= 0 && graph.isCompleted(future)) {
                continue; // completed after all; the thread is blocked on something the agent saw end
            }
            String site = context.site(future >= 0 ? graph.createdStack(future) : Findings.waitStack(lane));
            String key = (future >= 0 ? "future " : "wait ") + site;
            groups.computeIfAbsent(key, k -> new Waiters(site, future, new ArrayList<>())).lanes().add(lane);
        }
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(w -> findings.add(finding(context, graph, w)));
        return findings;
    }

    /**
     * A thread the dump at the end found in {@code get}/{@code join}, with no event of its own for
     * the threshold before: a platform thread blocked for good leaves none (JFR writes the method
     * trace when the call returns). It has waited since its last event at the earliest.
     */
    private static void silentWaiter(DetectionContext context, Lane lane, ThreadSnapshot dumped,
                                     Map<String, Waiters> groups) {
        if (dumped.time() - EndSnapshots.waitingSince(lane, dumped.time()) < context.nanos(MIN_WAIT)) {
            return;
        }
        String site = context.site(dumped.stack());
        groups.computeIfAbsent("wait " + site, k -> new Waiters(site, -1, new ArrayList<>())).lanes().add(lane);
    }

    private static Finding finding(DetectionContext context, FutureGraph graph, Waiters waiters) {
        List<Lane> lanes = waiters.lanes();
        long since = lanes.stream().mapToLong(Lane::stuckSince).min().orElse(0);
        String waitSite = context.site(Findings.waitStack(lanes.getFirst()));
        String what;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", lanes.size());
        details.put("evidence", waiters.future() >= 0 ? "the agent's join/get on the future (loomscope.FutureObserved, or its "
                + "record in a loomscope.FutureBatch) and no completion of it" : "a blocked span in get/join to the end, or the thread dump at "
                + "the end finding the thread in get/join with no event of it since; with --agent-full the future would "
                + "be named, with where it was created");
        if (waiters.future() >= 0) {
            int f = waiters.future();
            what = " waited for a future that never completed (" + graph.kind(f) + " #" + graph.agentId(f)
                    + (waiters.site().isEmpty() ? "" : ", created in " + waiters.site()) + ")"
                    + (waitSite.isEmpty() ? "" : ", in " + waitSite);
            details.put("futureIds", List.of(graph.agentId(f)));
        } else {
            what = " waited for a future that never completed" + (waiters.site().isEmpty() ? "" : ", in " + waiters.site());
        }
        String message = Findings.who(lanes) + what + ", from " + Findings.seconds(since) + " to the end. Whatever "
                + "should complete it never did: a task that failed before completing it, a lost callback, or a "
                + "dependency that never ran. Give the wait a timeout, and complete futures exceptionally on every "
                + "error path.";
        return new Finding("never-completed", Severity.HIGH, message, since, context.timeline().durationNanos(),
                Findings.ids(lanes), Findings.names(lanes), waiters.site(), details, "never-completed");
    }
}
