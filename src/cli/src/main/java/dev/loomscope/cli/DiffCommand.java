package dev.loomscope.cli;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.diff.RecordingDiff;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code loomscope diff BEFORE.jfr AFTER.jfr [--json] [--fail-on-new SEVERITY]}: what changed
 * between two recordings ({@link RecordingDiff}); with {@code --fail-on-new} the exit code is 1
 * when a new finding, or one grown more severe, reaches that severity, so CI can gate on it.
 */
final class DiffCommand {
    static final String USAGE = """
              loomscope diff BEFORE.jfr AFTER.jfr [--json] [--fail-on-new SEVERITY]
                                            what changed: time per state per group, scheduler latency,
                                            queue waits, failed futures, findings new/gone/changed;
                                            exit 1 if a new finding reaches SEVERITY
            """;
    /** A state's change per group below this is not worth a line of text (JSON has every one). */
    private static final long SHOWN_NANOS = 1_000_000;

    private final PrintStream out;

    DiffCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        List<Path> files = new ArrayList<>();
        boolean json = false;
        Severity gate = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--fail-on-new" -> gate = Severity.parse(OptionValue.of(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("diff does not know '" + arg + "'; usage:\n" + USAGE);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (files.size() != 2) {
            throw new IllegalArgumentException("diff compares two recordings; usage:\n" + USAGE);
        }
        Timeline before = RecordingLoader.load(files.get(0), LoadMonitor.NONE);
        Timeline after = RecordingLoader.load(files.get(1), LoadMonitor.NONE);
        RecordingDiff diff = RecordingDiff.of(before, findings(before), after, findings(after));
        if (json) {
            out.println(RecordingJson.GSON.toJson(document(before, after, diff)));
        } else {
            new DiffText(out).print(before, after, diff, SHOWN_NANOS);
        }
        return gate != null && diff.findings().reaches(gate) ? 1 : 0;
    }

    private static List<Finding> findings(Timeline timeline) {
        return Analysis.run(timeline, Map.of(), Detectors.builtIn()).findings();
    }

    private static Map<String, Object> document(Timeline before, Timeline after, RecordingDiff diff) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("before", RecordingJson.of(before));
        doc.put("after", RecordingJson.of(after));
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("new", diff.findings().added().stream().map(RecordingJson::finding).toList());
        findings.put("gone", diff.findings().gone().stream().map(RecordingJson::finding).toList());
        findings.put("changed", diff.findings().changed().stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", c[0].severity().label());
            change.put("to", c[1].severity().label());
            change.put("finding", RecordingJson.finding(c[1]));
            return change;
        }).toList());
        doc.put("findings", findings);
        Map<String, Object> latency = new LinkedHashMap<>();
        for (int i = 0; i < RecordingDiff.Latency.PERCENTILES.length; i++) {
            latency.put("p" + (int) RecordingDiff.Latency.PERCENTILES[i],
                    pair(diff.latency().before()[i], diff.latency().after()[i]));
        }
        doc.put("schedulerLatencyNanos", latency);
        doc.put("groups", diff.groups().stream().map(g -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", g.name());
            group.put("kind", g.kind().label());
            group.put("threads", pair(g.threadsBefore(), g.threadsAfter()));
            Map<String, Object> nanos = new LinkedHashMap<>();
            g.nanos().forEach((state, ba) -> nanos.put(state.key(), pair(ba[0], ba[1])));
            group.put("nanos", nanos);
            return group;
        }).toList());
        doc.put("queueSites", diff.queues().stream().map(q -> {
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("state", q.state().key());
            site.put("site", q.site());
            site.put("waits", pair(q.countBefore(), q.countAfter()));
            site.put("nanos", pair(q.nanosBefore(), q.nanosAfter()));
            return site;
        }).toList());
        Map<String, Object> failed = new LinkedHashMap<>();
        diff.failures().forEach((type, ba) -> failed.put(type, pair(ba[0], ba[1])));
        doc.put("failedFutures", failed);
        return doc;
    }

    private static Map<String, Long> pair(long before, long after) {
        Map<String, Long> pair = new LinkedHashMap<>();
        pair.put("before", before);
        pair.put("after", after);
        return pair;
    }
}
