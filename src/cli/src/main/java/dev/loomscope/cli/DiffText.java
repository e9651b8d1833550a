package dev.loomscope.cli;

import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.diff.RecordingDiff;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.io.PrintStream;
import java.util.Map;

/** {@code loomscope diff} as text: findings first, then the numbers behind them. */
final class DiffText {
    private static final int MESSAGE_WIDTH = 150;

    private final PrintStream out;

    DiffText(PrintStream out) {
        this.out = out;
    }

    void print(Timeline before, Timeline after, RecordingDiff diff, long shownNanos) {
        out.printf("Before  %s, %.3f s, %,d threads%n", before.info().source(), before.durationNanos() / 1e9, before.laneCount());
        out.printf("After   %s, %.3f s, %,d threads%n", after.info().source(), after.durationNanos() / 1e9, after.laneCount());
        findings(diff.findings());
        latency(diff.latency());
        groups(diff, shownNanos);
        queues(diff, shownNanos);
        if (!diff.failures().isEmpty()) {
            out.println("\nFailed futures, by exception (the agent's)");
            diff.failures().forEach((type, ba) -> out.printf("  %-60s %,d -> %,d%n", type, ba[0], ba[1]));
        }
    }

    private void findings(RecordingDiff.Findings findings) {
        out.println("\nFindings");
        if (findings.added().isEmpty() && findings.gone().isEmpty() && findings.changed().isEmpty()) {
            out.println("  no change");
        }
        findings.added().forEach(f -> out.printf("  new      [%s] %s%n", f.severity().label(), line(f)));
        findings.changed().forEach(c -> out.printf("  changed  [%s -> %s] %s%n", c[0].severity().label(),
                c[1].severity().label(), line(c[1])));
        findings.gone().forEach(f -> out.printf("  gone     [%s] %s%n", f.severity().label(), line(f)));
    }

    private static String line(Finding f) {
        String text = f.kind() + (f.site().isEmpty() ? "" : " at " + f.site()) + ": " + f.message();
        return text.length() <= MESSAGE_WIDTH ? text : text.substring(0, MESSAGE_WIDTH - 3) + "...";
    }

    private void latency(RecordingDiff.Latency latency) {
        out.println("\nScheduler latency (a virtual thread's wait for a carrier)");
        for (int i = 0; i < RecordingDiff.Latency.PERCENTILES.length; i++) {
            out.printf("  p%-3d %10s -> %s%n", (int) RecordingDiff.Latency.PERCENTILES[i], millis(latency.before()[i]),
                    millis(latency.after()[i]));
        }
    }

    private void groups(RecordingDiff diff, long shownNanos) {
        out.println("\nTime per state per thread group, seconds (changes of " + millis(shownNanos) + " or more; "
                + "the JVM's own threads in --json only)");
        for (RecordingDiff.Group g : diff.groups()) {
            if (g.kind() == LaneGroup.Kind.JVM) {
                continue;
            }
            StringBuilder rows = new StringBuilder();
            for (Map.Entry<ThreadState, long[]> e : g.nanos().entrySet()) {
                long b = e.getValue()[0];
                long a = e.getValue()[1];
                if (Math.abs(a - b) >= shownNanos) {
                    rows.append(String.format("    %-34s %9.3f -> %9.3f  (%+.3f)%n", e.getKey().label(), b / 1e9, a / 1e9,
                            (a - b) / 1e9));
                }
            }
            if (!rows.isEmpty() || g.threadsBefore() != g.threadsAfter()) {
                out.printf("  %s: %s (%,d -> %,d threads)%n%s", g.kind().label(), g.name(), g.threadsBefore(),
                        g.threadsAfter(), rows);
            }
        }
    }

    private void queues(RecordingDiff diff, long shownNanos) {
        boolean header = false;
        for (RecordingDiff.QueueSite q : diff.queues()) {
            if (Math.abs(q.nanosAfter() - q.nanosBefore()) < shownNanos) {
                continue;
            }
            if (!header) {
                out.println("\nQueue waits per site");
                header = true;
            }
            out.printf("  %s at %s: %,d waits, %.3f s -> %,d waits, %.3f s%n", q.state().label(),
                    q.site().isEmpty() ? "an unknown site" : q.site(), q.countBefore(), q.nanosBefore() / 1e9,
                    q.countAfter(), q.nanosAfter() / 1e9);
        }
    }

    private static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }
}
