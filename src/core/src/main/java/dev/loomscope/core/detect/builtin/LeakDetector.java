package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.CreationSite;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.WaitFor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Goroutine leaks: virtual threads alive at the end that had been stuck (blocked, or silent) for a
 * long time, grouped by where they were stuck. Waiting on a future is left to
 * {@link NeverCompletedDetector}; waiting for I/O is waiting for the outside world, not a leak.
 */
public final class LeakDetector implements Detector {
    static final Threshold MIN_STUCK = new Threshold("leak.minStuckMs", "Stuck at least (ms)", 5_000, "ms");
    static final Threshold MIN_SHARE = new Threshold("leak.minStuckShare",
            "...or this share of the recording, if shorter (%)", 50, "%");

    @Override
    public Info info() {
        return new Info("leak", "Goroutine leak", "Virtual threads still alive at the end that were stuck for "
                + "the threshold or longer, blocked with nobody to release them or silent since; platform threads "
                + "that a thread dump at the end found parked in the program's code on something nobody held. Known "
                + "false positive: a consumer idle in take() longer than the threshold.", List.of(MIN_STUCK, MIN_SHARE));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        long end = timeline.durationNanos();
        long limit = stuckLimit(context);
        Map<String, List<Lane>> bySite = new LinkedHashMap<>();
        Map<Integer, WaitFor.Wait> onChannels = channelWaits(context);
        // A thread in a stall that lasted to the end is deadlocked (the deadlock finding), not leaked.
        java.util.Set<Lane> deadlocked = new java.util.HashSet<>();
        Stalls.of(context).stream().filter(Stalls.Stall::toTheEnd)
                .forEach(s -> deadlocked.addAll(s.lanes()));
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual() || !lane.fateKnown() || lane.ended() || lane.lifeEnd() <= lane.lifeStart()
                    || releasable(timeline, onChannels.get(lane.id())) || deadlocked.contains(lane)) {
                continue;
            }
            ThreadState last = lane.stateAt(lane.lifeEnd() - 1);
            if (last == ThreadState.IO || last == ThreadState.BLOCKED_FUTURE || !(last.isBlocked() || last == ThreadState.UNKNOWN)) {
                continue;
            }
            if (lane.lifeEnd() - lane.stuckSince() < Math.max(1, limit)) {
                continue;
            }
            // Where the recording holds the stack of the wait itself, the site tells leaks apart;
            // elsewhere the last stack is wherever the thread last left one (an allocation sample
            // before it blocked, say), which some threads of a group have and others not, so the
            // group says more.
            String site = context.site(Findings.waitStack(lane));
            String key = last + "|" + (site.isEmpty() ? "group " + LaneGroup.patternOf(lane.name()) : site);
            bySite.computeIfAbsent(key, k -> new ArrayList<>()).add(lane);
        }
        platformLeaks(context, limit, bySite);
        List<Finding> findings = new ArrayList<>();
        for (List<Lane> lanes : bySite.values()) {
            findings.add(finding(context, lanes, end, onChannels.get(lanes.getFirst().id())));
        }
        return findings;
    }

    /** How long a thread must have been stuck at the end to have leaked: the thresholds, whichever is shorter. */
    static long stuckLimit(DetectionContext context) {
        long end = context.timeline().durationNanos();
        return Math.min(context.nanos(MIN_STUCK), Math.round(end * context.value(MIN_SHARE) / 100));
    }

    /**
     * Platform threads that a thread dump at the end (Loomscope's settings take one at every chunk
     * end) found parked or waiting in the program's code on something nobody held, with no event
     * of their own for the threshold before it: a latch never counted down, a lock whose owner is
     * gone. A monitor someone holds is a deadlock's or a slow holder's business; an idle pool
     * worker or a JDK thread (no frame of the program) waits for work, which is no leak.
     */
    private static void platformLeaks(DetectionContext context, long limit, Map<String, List<Lane>> bySite) {
        Timeline timeline = context.timeline();
        EndSnapshots atEnd = EndSnapshots.of(context);
        java.util.Set<String> held = atEnd.held();
        for (ThreadSnapshot s : atEnd.byLane().values()) {
            Lane lane = timeline.lane(s.lane());
            boolean parked = s.state() == ThreadState.WAITING || s.state() == ThreadState.BLOCKED_LOCK
                    || s.state() == ThreadState.BLOCKED_SEND || s.state() == ThreadState.BLOCKED_RECV;
            if (lane.isVirtual() || lane.ended() || !parked || held.contains(s.waitingFor())
                    || context.kind(lane) == LaneGroup.Kind.JVM || idleOrJdk(timeline, s.stack())
                    || s.time() - EndSnapshots.waitingSince(lane, s.time()) < Math.max(1, limit)) {
                continue;
            }
            bySite.computeIfAbsent(s.state() + "|" + context.site(s.stack()), k -> new ArrayList<>()).add(lane);
        }
    }

    /** A pool worker waiting for work, or a thread with no frame of the program's. */
    private static boolean idleOrJdk(Timeline timeline, int stack) {
        if (stack < 0) {
            return true;
        }
        boolean program = false;
        for (var frame : timeline.stacks().frames(stack)) {
            String cls = frame.className();
            if (frame.waitsForTask() || frame.methodName().equals("awaitWork") || cls.endsWith("DelayedWorkQueue")) {
                return true;
            }
            program |= !(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun."));
        }
        return !program;
    }

    /** With the agent: the threads inside a channel operation at the end, by lane. */
    private static Map<Integer, WaitFor.Wait> channelWaits(DetectionContext context) {
        Map<Integer, WaitFor.Wait> waits = new HashMap<>();
        for (WaitFor.Wait wait : context.waitsAtEnd()) {
            if (wait.target() instanceof WaitFor.OnChannel) {
                waits.putIfAbsent(wait.lane(), wait);
            }
        }
        return waits;
    }

    /**
     * Whether a thread still alive has used the other end of the channel {@code wait} is on: then
     * someone could still release it (an idle consumer), or it is one side of a channel deadlock,
     * reported as such; not a leak.
     */
    private static boolean releasable(Timeline timeline, WaitFor.Wait wait) {
        return wait != null && wait.releasers().stream().anyMatch(r -> !timeline.lane(r).ended());
    }

    /** The last site most of the lanes share, preferring one in the program's code over a thread's start. */
    private static String mostTelling(DetectionContext context, List<Lane> lanes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            String site = context.site(lane.lastStack());
            counts.merge(site, site.isEmpty() || site.startsWith("java.lang.VirtualThread.run") ? 1 : 1_000_000, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    private Finding finding(DetectionContext context, List<Lane> lanes, long end, WaitFor.Wait onChannel) {
        Lane first = lanes.getFirst();
        ThreadSnapshot dumped = first.isVirtual() ? null : lastSnapshot(context.timeline(), first);
        ThreadState state = dumped != null ? dumped.state() : first.stateAt(first.lifeEnd() - 1);
        // Where they wait, when the recording holds the wait's stack; else only where they were last seen.
        String waitSite = context.site(dumped != null ? dumped.stack() : Findings.waitStack(first));
        String site = waitSite.isEmpty() ? mostTelling(context, lanes) : waitSite;
        long since = lanes.stream().mapToLong(l -> l.isVirtual() ? l.stuckSince() : EndSnapshots.waitingSince(l, end))
                .min().orElse(end);
        boolean known = state != ThreadState.UNKNOWN;
        Severity severity = known && (lanes.size() >= 10 || end - since >= end / 2) ? Severity.HIGH : Severity.MEDIUM;
        String message;
        boolean onlyStarted = site.isEmpty() || site.startsWith("java.lang.VirtualThread.run");
        if (known) {
            message = Findings.who(lanes) + " leaked: " + Findings.doing(state) + channel(context, onChannel)
                    + (waitSite.isEmpty() ? "" : " in " + waitSite)
                    + " since " + Findings.seconds(since) + " and still there at the end"
                    + (waitSite.isEmpty() && !onlyStarted ? " (where is not recorded; last seen in " + site + ")" : "")
                    + ". Nothing released them: the "
                    + "counterpart (a send, a close, an unlock) never came. Usually a producer that stopped or failed, "
                    + "or a missing timeout or cancellation.";
        } else {
            message = Findings.who(lanes) + " leaked: started, never ended, and silent since "
                    + Findings.seconds(since) + (onlyStarted ? " (no event after they started)" : ", last seen in " + site)
                    + ". The recording does not say where they wait; a thread dump would (a live session or "
                    + "loomscope record --pid takes one at the end).";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("count", lanes.size());
        details.put("stuckSinceNanos", since);
        details.put("evidence", !first.isVirtual() ? "the thread dump at the end (jdk.ThreadDump): parked on something "
                + "no thread held, and no event of the thread since"
                : known ? "its blocked span to the end (the agent's BlockBegin, a thread dump, or JFR's park events)"
                : "its start event and no event after it; with --agent-full its BlockBegin would say where it waits, "
                        + "and attaching live takes a thread dump that would");
        if (onChannel != null) {
            details.put("channelIds", List.of(((WaitFor.OnChannel) onChannel.target()).channel().agentId()));
        }
        return new Finding("leak", severity, message, since, end, Findings.ids(lanes), Findings.names(lanes),
                known || !onlyStarted ? site : "", details, "leak");
    }

    private static ThreadSnapshot lastSnapshot(Timeline timeline, Lane lane) {
        ThreadSnapshot last = null;
        for (ThreadSnapshot s : timeline.snapshots()) {
            if (s.lane() == lane.id() && (last == null || s.time() >= last.time())) {
                last = s;
            }
        }
        return last;
    }

    /** " (SynchronousQueue #7, created in Leaky.<init>(30))" when the agent says which channel it waits on. */
    private static String channel(DetectionContext context, WaitFor.Wait wait) {
        if (wait == null) {
            return "";
        }
        Channel channel = ((WaitFor.OnChannel) wait.target()).channel();
        CreationSite created = CreationSite.of(context.timeline().stacks(), channel.createdStack());
        return " (" + channel.simpleName() + " #" + channel.agentId()
                + (created == null ? "" : created.jdkInternal() ? ", " + created.text() : ", created in " + created.text()) + ")";
    }
}
