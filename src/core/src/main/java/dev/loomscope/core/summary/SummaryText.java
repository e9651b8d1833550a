package dev.loomscope.core.summary;

import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.summary.RecordingSummary.GroupTotals;
import dev.loomscope.core.summary.RecordingSummary.Stragglers;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Lays a {@link RecordingSummary} out as plain text tables for a terminal. */
final class SummaryText {
    private static final int MAX_STRAGGLER_NAMES = 3;

    private final RecordingSummary summary;
    private final StringBuilder out = new StringBuilder();

    SummaryText(RecordingSummary summary) {
        this.summary = summary;
    }

    String render() {
        header();
        stateTable();
        ambiguity();
        stragglers();
        warnings();
        return out.toString();
    }

    private void header() {
        RecordingInfo info = summary.info();
        line("Recording  %s", info.source());
        line("Length     %s (%d chunk%s, %,d events)", seconds(info.durationNanos()), info.chunkCount(),
                info.chunkCount() == 1 ? "" : "s", info.eventCount());
        int alive = summary.groups().stream().mapToInt(GroupTotals::aliveAtEnd).sum();
        line("Threads    %d virtual, %d platform; %d alive at the end", summary.virtualThreads(),
                summary.platformThreads(), alive);
        if (summary.carriers() > 0) {
            line("Carriers   %d (parallelism %d), a virtual thread mounted %.1f%% of the time", summary.carriers(),
                    summary.parallelism(), 100 * summary.carrierBusy());
        } else {
            line("Carriers   none seen (the recording has no VirtualThread mount/unmount events); parallelism %d",
                    summary.parallelism());
        }
    }

    private void stateTable() {
        Set<ThreadState> present = EnumSet.noneOf(ThreadState.class);
        summary.groups().forEach(g -> present.addAll(g.nanosByState().keySet()));
        List<ThreadState> columns = new ArrayList<>(present);
        int nameWidth = Math.max(5, summary.groups().stream().mapToInt(g -> g.name().length()).max().orElse(5));

        out.append('\n').append("Time in each state per thread group (share of the group's thread lifetime):\n");
        StringBuilder head = new StringBuilder(String.format("%-" + nameWidth + "s  %-8s %7s %5s", "GROUP", "KIND",
                "THREADS", "ALIVE"));
        for (ThreadState s : columns) {
            head.append(String.format(" %" + width(s) + "s", s.name()));
        }
        out.append(head).append('\n');
        for (GroupTotals g : summary.groups()) {
            StringBuilder row = new StringBuilder(String.format("%-" + nameWidth + "s  %-8s %7d %5d", g.name(),
                    g.kind().label(), g.threads(), g.aliveAtEnd()));
            for (ThreadState s : columns) {
                long nanos = g.nanos(s);
                String cell = nanos == 0 ? "-" : String.format("%s %3.0f%%", seconds(nanos),
                        g.lifetimeNanos() == 0 ? 0.0 : 100.0 * nanos / g.lifetimeNanos());
                row.append(String.format(" %" + width(s) + "s", cell));
            }
            out.append(row).append('\n');
        }
    }

    /**
     * Says what the two "running or ..." states mean where they occur, and how much of each can
     * have been running at most: the carriers bound the one, the CPUs the other.
     */
    private void ambiguity() {
        virtualAmbiguity();
        platformAmbiguity();
    }

    private void platformAmbiguity() {
        long ambiguous = summary.groups().stream().mapToLong(g -> g.nanos(ThreadState.RUNNING_OR_BRIEFLY_BLOCKED)).sum();
        if (ambiguous == 0) {
            return;
        }
        out.append('\n');
        line("RUNNING_OR_BRIEFLY_BLOCKED: platform threads between the events that explain their time, running or");
        line("  blocked for less than the recording's thresholds (short parks, sleeps and waits leave no event).");
        if (summary.cpus() > 0) {
            long bound = summary.cpus() * summary.info().durationNanos();
            line("  %s in all here, of which at most %s can have been running: %d hardware thread%s x %s.",
                    seconds(ambiguous), seconds(Math.min(ambiguous, bound)), summary.cpus(),
                    summary.cpus() == 1 ? "" : "s", seconds(summary.info().durationNanos()));
        } else {
            line("  %s in all here.", seconds(ambiguous));
        }
    }

    private void virtualAmbiguity() {
        long ambiguous = summary.groups().stream().mapToLong(g -> g.nanos(ThreadState.RUNNING_OR_RUNNABLE)).sum();
        if (ambiguous == 0) {
            return;
        }
        int carriers = Math.max(summary.carriers(), summary.parallelism());
        long bound = carriers * summary.info().durationNanos();
        out.append('\n');
        line("RUNNING_OR_RUNNABLE: virtual threads on a carrier or waiting for one, which a recording without the");
        line("  agent cannot tell apart (record with --agent-full for exact scheduling). %s in all here, of which at", seconds(ambiguous));
        line("  most %s can have been running: %d carrier%s x %s.", seconds(Math.min(ambiguous, bound)), carriers,
                carriers == 1 ? "" : "s", seconds(summary.info().durationNanos()));
    }

    private static int width(ThreadState column) {
        return Math.max(16, column.name().length());
    }

    private void stragglers() {
        if (summary.stragglers().isEmpty()) {
            return;
        }
        out.append('\n').append("Alive at the end, by last known site (silent longest first):\n");
        for (Stragglers s : summary.stragglers()) {
            List<String> names = s.threads();
            String shown = String.join(", ", names.subList(0, Math.min(MAX_STRAGGLER_NAMES, names.size())))
                    + (names.size() > MAX_STRAGGLER_NAMES ? ", ..." : "");
            line("  %d %s %s (%s): last seen at %s, in %s", names.size(), s.kind().label(),
                    names.size() == 1 ? "thread" : "threads", shown, seconds(s.lastSeenNanos()), s.site());
        }
    }

    private void warnings() {
        List<String> warnings = summary.info().warningTexts();
        if (!warnings.isEmpty()) {
            out.append('\n').append("Warnings:\n");
            warnings.forEach(w -> line("  - %s", w));
        }
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args)).append('\n');
    }

    static String seconds(long nanos) {
        return String.format("%.3fs", nanos / 1e9);
    }
}
