package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deadlocks: cycles in the wait-for graph. A thread waits for a monitor; the monitor's owner is the
 * thread it waits for. The facts come from the latest thread dump of each thread (live sessions
 * and {@code loomscope record --pid} take one at the end); a recording without thread dumps cannot
 * show who holds what. Channel cycles come from the agent's channel events
 * ({@link ChannelDeadlocks}).
 */
public final class DeadlockDetector implements Detector {
    static final Threshold MIN_STUCK = new Threshold("deadlock.minStuckMs", "Channel deadlock: blocked at the end for (ms)",
            1_000, "ms");

    @Override
    public Info info() {
        return new Info("deadlock", "Deadlock", "Threads that wait for each other in a cycle: monitors they hold "
                + "and wait for in the last thread dump, and channels only they could release (agent).", List.of(MIN_STUCK));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        Map<Integer, ThreadSnapshot> latest = new HashMap<>();
        for (ThreadSnapshot s : timeline.snapshots()) {
            ThreadSnapshot prior = latest.get(s.lane());
            if (prior == null || prior.time() <= s.time()) {
                latest.put(s.lane(), s);
            }
        }
        Map<String, Integer> owner = new HashMap<>();
        latest.values().forEach(s -> s.owns().forEach(lock -> owner.put(lock, s.lane())));
        Map<Integer, Integer> waitsFor = new HashMap<>();
        latest.values().forEach(s -> {
            Integer holder = s.waitingFor().isEmpty() ? null : owner.get(s.waitingFor());
            if (holder != null && holder != s.lane()) {
                waitsFor.put(s.lane(), holder);
            }
        });
        List<Finding> findings = new ArrayList<>();
        Set<Integer> reported = new HashSet<>();
        for (Integer start : waitsFor.keySet()) {
            List<Integer> cycle = cycleFrom(start, waitsFor);
            if (cycle != null && reported.addAll(cycle)) {
                findings.add(finding(context, cycle, latest));
            }
        }
        findings.addAll(ChannelDeadlocks.find(context, context.nanos(MIN_STUCK)));
        return findings;
    }

    /** The cycle {@code start} is on, in wait order, or null if following its waits never returns. */
    private static List<Integer> cycleFrom(int start, Map<Integer, Integer> waitsFor) {
        List<Integer> path = new ArrayList<>();
        Integer at = start;
        while (at != null && !path.contains(at)) {
            path.add(at);
            at = waitsFor.get(at);
        }
        return at != null && at == start ? path : null;
    }

    private static Finding finding(DetectionContext context, List<Integer> cycle, Map<Integer, ThreadSnapshot> latest) {
        Timeline timeline = context.timeline();
        List<Lane> lanes = cycle.stream().map(timeline::lane).toList();
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            ThreadSnapshot s = latest.get(cycle.get(i));
            Lane next = timeline.lane(cycle.get((i + 1) % cycle.size()));
            chain.append(timeline.lane(cycle.get(i)).displayName()).append(" waits for ").append(s.waitingFor())
                    .append(" held by ").append(next.displayName()).append(i + 1 < cycle.size() ? "; " : "");
        }
        ThreadSnapshot first = latest.get(cycle.getFirst());
        long since = lanes.stream().mapToLong(Lane::stuckSince).min().orElse(first.time());
        String site = context.site(first.stack());
        String message = "Deadlock: " + chain + ". None of them can ever go on. Take locks in one global order, "
                + "or use tryLock with a timeout.";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cycle", chain.toString());
        details.put("dumpNanos", first.time());
        return new Finding("deadlock", Severity.CRITICAL, message, since, timeline.durationNanos(),
                Findings.ids(lanes), Findings.names(lanes), site, details, "deadlock");
    }
}
