package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Futures waited on and never completed: threads still blocked in {@code get}/{@code join} at the
 * end, for the threshold or longer, grouped by where they wait.
 */
public final class NeverCompletedDetector implements Detector {
    static final Threshold MIN_WAIT = new Threshold("neverCompleted.minWaitMs", "Still waiting at the end after (ms)", 1_000, "ms");

    @Override
    public Info info() {
        return new Info("never-completed", "Never-completed future", "Threads blocked on a future's get() or "
                + "join() from the threshold or longer before the end until the end.", List.of(MIN_WAIT));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        Map<String, List<Lane>> bySite = new LinkedHashMap<>();
        for (Lane lane : timeline.lanes()) {
            if (lane.ended() || lane.lifeEnd() <= lane.lifeStart() || context.kind(lane) == LaneGroup.Kind.JVM) {
                continue;
            }
            if (lane.stateAt(lane.lifeEnd() - 1) == ThreadState.BLOCKED_FUTURE
                    && lane.lifeEnd() - lane.stuckSince() >= context.nanos(MIN_WAIT)) {
                bySite.computeIfAbsent(context.site(lane.lastStack()), k -> new ArrayList<>()).add(lane);
            }
        }
        List<Finding> findings = new ArrayList<>();
        bySite.forEach((site, lanes) -> {
            long since = lanes.stream().mapToLong(Lane::stuckSince).min().orElse(0);
            String message = Findings.who(lanes) + " waited for a future that never completed" + (site.isEmpty() ? ""
                    : ", in " + site) + ", from " + Findings.seconds(since) + " to the end. Whatever should complete "
                    + "it never did: a task that failed before completing it, a lost callback, or a dependency that "
                    + "never ran. Give the wait a timeout, and complete futures exceptionally on every error path.";
            findings.add(new Finding("never-completed", Severity.HIGH, message, since, timeline.durationNanos(),
                    Findings.ids(lanes), Findings.names(lanes), site, Map.of("count", lanes.size()), "never-completed"));
        });
        return findings;
    }
}
