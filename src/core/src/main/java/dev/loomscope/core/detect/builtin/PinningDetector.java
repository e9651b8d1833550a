package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.StackTable;
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
                    int stack = lane.spanStack(i);
                    sites.computeIfAbsent(context.site(stack), Site::new)
                            .add(lane, lane.spanStart(i), lane.spanEnd(i), inJdkClassLoading(timeline, stack));
                }
            }
        }
        long duration = Math.max(1, timeline.durationNanos());
        List<Finding> findings = new ArrayList<>();
        for (Site site : sites.values()) {
            if (site.total < context.nanos(MIN_TOTAL) && site.longest < context.nanos(MIN_SINGLE)) {
                continue;
            }
            long waited = CarrierWaits.during(timeline, site.starts, site.ends, site.count);
            Severity severity = severity(site, waited, duration);
            findings.add(finding(site, waited, severity));
        }
        return findings;
    }

    /**
     * By impact: a pin matters as much as others were kept from the carrier meanwhile (RUNNABLE
     * time, exact with the agent, inferred from late sleeps without it) and as long as it held
     * one. The JDK loading its own classes at first use is information unless it kept others
     * waiting.
     */
    private static Severity severity(Site site, long waited, long duration) {
        Severity byImpact = waited >= 1_000_000_000L || site.total * 10 >= duration ? Severity.HIGH
                : waited >= 50_000_000L || site.longest >= 100_000_000L ? Severity.MEDIUM : Severity.LOW;
        return site.allJdkClassLoading && waited < 50_000_000L ? Severity.INFO : byImpact;
    }

    private static Finding finding(Site site, long waited, Severity severity) {
        List<Lane> lanes = new ArrayList<>(site.lanes);
        String impact = waited > 0 ? String.format(" Meanwhile other virtual threads waited %s in all for a carrier.",
                Findings.seconds(waited)) : "";
        String cause = site.allJdkClassLoading
                ? "It happened while the JDK loaded or initialized a class on first use, which holds the carrier; "
                        + "a one-off at start-up, worth acting on only if it repeats or keeps others waiting."
                : "On JDK 24+ this comes from blocking inside a class initializer (static init doing I/O or "
                        + "waiting) or under a native frame; move that blocking out of it.";
        String message = String.format("Virtual threads were pinned to their carrier %d times (%s in all, the "
                        + "longest %s)%s: blocked while holding the carrier, so other virtual threads could not use it.%s %s",
                site.count, Findings.seconds(site.total), Findings.seconds(site.longest),
                site.name.isEmpty() ? "" : " at " + site.name, impact, cause);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", site.count);
        details.put("totalNanos", site.total);
        details.put("longestNanos", site.longest);
        details.put("othersWaitedNanos", waited);
        details.put("jdkClassLoading", site.allJdkClassLoading);
        details.put("evidence", "jdk.VirtualThreadPinned events at this site; the wait of others for a carrier "
                + (waited > 0 ? "from RUNNABLE spans" : "is exact only with the agent (--agent-full)"));
        return new Finding("pinning", severity, message, site.first, site.last, Findings.ids(lanes),
                Findings.names(lanes), site.name, details, "pinning");
    }

    /**
     * Whether a pinned stack is the JDK loading or initializing one of its own classes: its
     * innermost frames are class loading, or a static initializer of a JDK class.
     */
    private static boolean inJdkClassLoading(Timeline timeline, int stack) {
        StackTable stacks = timeline.stacks();
        for (int i = 0; stack >= 0 && i < stacks.depth(stack); i++) {
            StackFrame frame = stacks.frame(stack, i);
            boolean jdk = frame.className().startsWith("java.") || frame.className().startsWith("jdk.")
                    || frame.className().startsWith("sun.");
            if (!jdk) {
                return false;
            }
            if (frame.methodName().startsWith("loadClass") || frame.methodName().equals("<clinit>")
                    || frame.methodName().equals("forName")) {
                return true;
            }
        }
        return false;
    }

    /** The pins at one site. */
    private static final class Site {
        final String name;
        final Set<Lane> lanes = new LinkedHashSet<>();
        long[] starts = new long[4];
        long[] ends = new long[4];
        boolean allJdkClassLoading = true;
        int count;
        long total;
        long longest;
        long first = Long.MAX_VALUE;
        long last;

        Site(String name) {
            this.name = name;
        }

        void add(Lane lane, long start, long end, boolean jdkClassLoading) {
            lanes.add(lane);
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            allJdkClassLoading &= jdkClassLoading;
            count++;
            total += end - start;
            longest = Math.max(longest, end - start);
            first = Math.min(first, start);
            last = Math.max(last, end);
        }
    }
}
