package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool starvation, "sync over async": every worker of a pool waiting on a future at once. The
 * tasks that would complete those futures are queued to the same pool, so nothing runs them until
 * a wait gives up. Pools are the platform thread groups ({@code pool-1-thread-#}).
 */
public final class PoolStarvationDetector implements Detector {
    static final Threshold MIN_TIME = new Threshold("poolStarvation.minMs", "All workers waiting on futures at once for (ms)", 500, "ms");

    @Override
    public Info info() {
        return new Info("pool-starvation", "Pool starvation", "Every thread of a platform pool blocked in get() "
                + "or join() at the same time, for the threshold or longer.", List.of(MIN_TIME));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LaneGroup group : context.groups()) {
            if (group.kind() != LaneGroup.Kind.PLATFORM || group.lanes().size() < 2) {
                continue;
            }
            List<Lane> workers = group.lanes().stream().map(context.timeline()::lane).toList();
            Starved starved = allWaiting(workers);
            if (starved.total >= context.nanos(MIN_TIME)) {
                findings.add(finding(context, group, workers, starved));
            }
        }
        return findings;
    }

    /** When all of {@code workers} were blocked on a future at once: total time, and the longest such stretch. */
    private record Starved(long total, long start, long end) {
    }

    private static Starved allWaiting(List<Lane> workers) {
        List<long[]> edges = new ArrayList<>(); // {time, +1 or -1}
        for (Lane worker : workers) {
            for (int i = 0; i < worker.spanCount(); i++) {
                if (worker.spanState(i) == ThreadState.BLOCKED_FUTURE) {
                    edges.add(new long[] {worker.spanStart(i), 1});
                    edges.add(new long[] {worker.spanEnd(i), -1});
                }
            }
        }
        long[][] sorted = edges.toArray(new long[0][]);
        // At equal times a start before an end: one wait span giving way to the next is no break.
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
        int waiting = 0;
        long since = -1;
        long total = 0;
        long longestStart = -1;
        long longestEnd = -1;
        for (long[] edge : sorted) {
            waiting += (int) edge[1];
            if (waiting == workers.size() && since < 0) {
                since = edge[0];
            } else if (waiting < workers.size() && since >= 0) {
                total += edge[0] - since;
                if (edge[0] - since > longestEnd - longestStart) {
                    longestStart = since;
                    longestEnd = edge[0];
                }
                since = -1;
            }
        }
        return new Starved(total, longestStart, longestEnd);
    }

    private Finding finding(DetectionContext context, LaneGroup group, List<Lane> workers, Starved starved) {
        Lane first = workers.getFirst();
        int stack = -1;
        for (int i = 0; i < first.spanCount() && stack < 0; i++) {
            if (first.spanState(i) == ThreadState.BLOCKED_FUTURE && first.spanStart(i) <= starved.start()) {
                stack = first.spanStack(i);
            }
        }
        String site = context.site(stack);
        String message = String.format("All %d threads of the pool %s were waiting on futures at once for %s%s: the "
                        + "tasks that would complete them were queued to the same pool, and no thread was left to run "
                        + "them. Do not block a pool's threads on tasks of the same pool: compose the futures "
                        + "(thenCompose), or give those tasks a pool of their own.", workers.size(), group.name(),
                Findings.seconds(starved.total()), site.isEmpty() ? "" : ", in " + site);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pool", group.name());
        details.put("workers", workers.size());
        details.put("totalNanos", starved.total());
        details.put("evidence", "blocked spans in get/join of every worker of the pool at once (JFR park events); "
                + "with --agent-full the futures they waited on would be named");
        return new Finding("pool-starvation", Severity.HIGH, message, starved.start(), starved.end(),
                Findings.ids(workers), Findings.names(workers), site, details, "pool-starvation");
    }
}
