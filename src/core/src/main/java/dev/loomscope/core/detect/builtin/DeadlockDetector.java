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
    /**
     * A stall that something broke before the end must hold this long: shorter ones are the noise
     * of a busy machine (a woken thread still waiting for a carrier, a GC pause, a lock handoff).
     */
    static final Threshold MIN_STALL = new Threshold("deadlock.minStallMs",
            "Deadlock broken later (watchdog, timeout): held at least (ms)", 1_000, "ms");

    @Override
    public Info info() {
        return new Info("deadlock", "Deadlock", "Threads that wait for each other in a cycle: monitors they hold "
                + "and wait for in the last thread dump, and channels only they could release (agent).", List.of(MIN_STUCK, MIN_STALL));
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
        for (Stalls.Stall stall : Stalls.of(context)) {
            Set<Integer> lanes = new HashSet<>();
            stall.lanes().forEach(l -> lanes.add(l.id()));
            if (findings.stream().noneMatch(f -> lanes.containsAll(f.lanes()) || f.lanes().containsAll(lanes))) {
                findings.add(stallFinding(context, stall));
            }
        }
        return findings;
    }

    /** A stall ({@link Stalls}) as a deadlock: for as long as it held, none of them could go on. */
    private static Finding stallFinding(DetectionContext context, Stalls.Stall stall) {
        Timeline timeline = context.timeline();
        StringBuilder who = new StringBuilder();
        for (int i = 0; i < stall.lanes().size(); i++) {
            who.append(i == 0 ? "" : "; ").append(stall.lanes().get(i).displayName()).append(" was ")
                    .append(stall.waits().get(i));
        }
        String ending = switch (stall.ending()) {
            case RECORDING_END -> "It still held at the end of the recording.";
            case LAST_SEEN -> "It still held when a thread dump last saw them, at " + Findings.seconds(stall.end())
                    + "; the recording shows nothing of them after.";
            case BROKEN -> "It held until " + stall.firstFreed().displayName() + " stopped waiting at "
                    + Findings.seconds(stall.end()) + " (an interrupt, a timeout or a watchdog broke it).";
        };
        boolean named = stall.waits().stream().anyMatch(w -> w.contains(" #"));
        String message = String.format("Deadlock for %s from %s: %s. All were blocked at once and nothing moved: no "
                        + "operation succeeded on what they waited for and no other thread made progress, so each "
                        + "waited for another of them. %s Take locks in one order; never block sending to a bounded "
                        + "queue whose consumer may itself be blocked sending to you (use offer with a timeout, or "
                        + "a buffer that cannot fill).", Findings.seconds(stall.end() - stall.start()),
                Findings.seconds(stall.start()), who, ending);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cycle", who.toString());
        details.put("heldNanos", stall.end() - stall.start());
        details.put("brokenAtNanos", stall.toTheEnd() ? -1 : stall.end());
        details.put("evidence", named ? "the agent's channel operations and blocked spans (loomscope.ChannelOp, BlockBegin)"
                : "blocked spans from JFR park and method-trace events; with --agent-full the queues would be named "
                        + "and the cycle checked on their identities");
        Severity severity = stall.toTheEnd() ? Severity.CRITICAL : Severity.HIGH;
        return new Finding("deadlock", severity, message, stall.start(), stall.end(), Findings.ids(stall.lanes()),
                Findings.names(stall.lanes()), context.site(stall.stack()), details, "deadlock");
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
        details.put("evidence", "the thread dump at " + Findings.seconds(first.time()) + " (a live session's, or the "
                + "jdk.ThreadDump Loomscope's settings take at every chunk end): which monitor each thread held and "
                + "waited for");
        return new Finding("deadlock", Severity.CRITICAL, message, since, timeline.durationNanos(),
                Findings.ids(lanes), Findings.names(lanes), site, details, "deadlock");
    }
}
