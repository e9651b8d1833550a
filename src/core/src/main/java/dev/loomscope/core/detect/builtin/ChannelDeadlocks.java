package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.WaitFor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Channel deadlocks, Go's "all goroutines are asleep" for a group of threads: threads blocked on
 * channels at the end, each of which only threads of the same group could release (every thread
 * that ever did the counterpart operation on its channel is itself blocked in the group). Threads
 * no one could ever release (nobody ever used the other end) are leaks, not deadlocks, and are left
 * to the leak detector. Needs the agent's channel events.
 */
final class ChannelDeadlocks {
    private ChannelDeadlocks() {
    }

    static List<Finding> find(DetectionContext context, long minStuckNanos) {
        Timeline timeline = context.timeline();
        Map<Integer, WaitFor.Wait> blocked = new LinkedHashMap<>();
        long end = timeline.durationNanos();
        for (WaitFor.Wait wait : context.waitsAtEnd()) {
            if (wait.target() instanceof WaitFor.OnChannel && !wait.releasers().isEmpty()
                    && end - wait.since() >= minStuckNanos) {
                blocked.putIfAbsent(wait.lane(), wait);
            }
        }
        // Keep only threads all of whose releasers are kept: a free releaser could still end the wait.
        boolean changed = true;
        while (changed) {
            changed = blocked.values().removeIf(w -> w.releasers().stream().anyMatch(r -> !blocked.containsKey(r)));
        }
        List<Finding> findings = new ArrayList<>();
        Set<Integer> reported = new HashSet<>();
        for (int lane : blocked.keySet()) {
            if (reported.add(lane)) {
                Set<Integer> group = group(lane, blocked);
                reported.addAll(group);
                findings.add(finding(context, group, blocked));
            }
        }
        return findings;
    }

    /** The threads connected to {@code lane} through who-could-release-whom. */
    private static Set<Integer> group(int lane, Map<Integer, WaitFor.Wait> blocked) {
        Set<Integer> group = new TreeSet<>();
        List<Integer> todo = new ArrayList<>(List.of(lane));
        while (!todo.isEmpty()) {
            int next = todo.removeLast();
            if (group.add(next)) {
                blocked.get(next).releasers().stream().forEach(todo::add);
                blocked.forEach((other, wait) -> {
                    if (wait.releasers().get(next)) {
                        todo.add(other);
                    }
                });
            }
        }
        return group;
    }

    private static Finding finding(DetectionContext context, Set<Integer> group, Map<Integer, WaitFor.Wait> blocked) {
        Timeline timeline = context.timeline();
        List<Lane> lanes = group.stream().map(timeline::lane).toList();
        StringBuilder story = new StringBuilder();
        for (Lane lane : lanes) {
            WaitFor.Wait wait = blocked.get(lane.id());
            Channel channel = ((WaitFor.OnChannel) wait.target()).channel();
            boolean send = ((WaitFor.OnChannel) wait.target()).op().isSend();
            String others = wait.releasers().stream().mapToObj(r -> timeline.lane(r).displayName())
                    .collect(Collectors.joining(" and "));
            story.append(story.isEmpty() ? "" : "; ").append(lane.displayName()).append(" waits to ")
                    .append(send ? "send to " : "receive from ").append(channel.simpleName()).append(" #")
                    .append(channel.agentId()).append(", which only ").append(others).append(" ever ")
                    .append(send ? "received from" : "sent to");
        }
        long since = lanes.stream().mapToLong(Lane::stuckSince).min().orElse(0);
        String message = "Channel deadlock: " + story + ". Every thread that could release one of them is waiting "
                + "in the same cycle, so none can ever go on. Make one side send first (or use a buffer), or give "
                + "the waits timeouts.";
        List<Channel> involved = lanes.stream().map(l -> ((WaitFor.OnChannel) blocked.get(l.id()).target()).channel())
                .distinct().toList();
        return new Finding("deadlock", Severity.CRITICAL, message, since, timeline.durationNanos(), Findings.ids(lanes),
                Findings.names(lanes), context.site(Findings.waitStack(lanes.getFirst())),
                Map.of("cycle", story.toString(), "channels", involved.stream().map(c -> c.simpleName() + " #" + c.agentId()).toList(),
                        "channelIds", involved.stream().map(Channel::agentId).toList(),
                        "evidence", "the agent's channel operations (loomscope.ChannelOp, ChannelWaiting at the last "
                                + "chunk end): who was inside which operation at the end, and who ever did the other side"),
                "deadlock");
    }
}
