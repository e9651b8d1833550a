package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pinning: virtual threads that blocked while holding their carrier ({@code jdk.VirtualThreadPinned}),
 * by the code they blocked in. On JDK 24+ {@code synchronized} no longer pins; class initializers
 * and native frames still do.
 */
public final class PinningDetector implements Detector {
    static final Threshold MIN_TOTAL = new Threshold("pinning.minTotalMs", "Report a site pinned this long in all (ms)", 20, "ms");
    static final Threshold MIN_SINGLE = new Threshold("pinning.minSingleMs", "...or pinned this long at once (ms)", 20, "ms");

    @Override
    public Info info() {
        return new Info("pinning", "Pinning", "Virtual threads blocked while pinned to their carrier, by site. "
                + "One-off pins of a few milliseconds while the JDK initializes its own classes at start-up (seen: "
                + "12 ms on a first CompletableFuture use) are left out by the thresholds.",
                List.of(MIN_TOTAL, MIN_SINGLE));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        Map<String, Site> sites = new LinkedHashMap<>();
        for (Lane lane : timeline.lanes()) {
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.PINNED) {
                    sites.computeIfAbsent(context.site(lane.spanStack(i)), Site::new)
                            .add(lane, lane.spanStart(i), lane.spanEnd(i));
                }
            }
        }
        long duration = Math.max(1, timeline.durationNanos());
        List<Finding> findings = new ArrayList<>();
        for (Site site : sites.values()) {
            if (site.total < context.nanos(MIN_TOTAL) && site.longest < context.nanos(MIN_SINGLE)) {
                continue;
            }
            Severity severity = site.longest >= 100_000_000L || site.total * 10 >= duration ? Severity.HIGH
                    : site.longest >= 20_000_000L ? Severity.MEDIUM : Severity.LOW;
            List<Lane> lanes = new ArrayList<>(site.lanes);
            String message = String.format("Virtual threads were pinned to their carrier %d times (%s in all, the "
                    + "longest %s)%s: blocked while holding the carrier, so other virtual threads could not use it. "
                    + "On JDK 24+ this comes from blocking inside a class initializer (static init doing I/O or "
                    + "waiting) or under a native frame; move that blocking out of it.", site.count,
                    Findings.seconds(site.total), Findings.seconds(site.longest),
                    site.name.isEmpty() ? "" : " at " + site.name);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("count", site.count);
            details.put("totalNanos", site.total);
            details.put("longestNanos", site.longest);
            findings.add(new Finding("pinning", severity, message, site.first, site.last, Findings.ids(lanes),
                    Findings.names(lanes), site.name, details, "pinning"));
        }
        return findings;
    }

    /** The pins at one site. */
    private static final class Site {
        final String name;
        final Set<Lane> lanes = new LinkedHashSet<>();
        int count;
        long total;
        long longest;
        long first = Long.MAX_VALUE;
        long last;

        Site(String name) {
            this.name = name;
        }

        void add(Lane lane, long start, long end) {
            lanes.add(lane);
            count++;
            total += end - start;
            longest = Math.max(longest, end - start);
            first = Math.min(first, start);
            last = Math.max(last, end);
        }
    }
}
