package dev.loomscope.cli;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.summary.RecordingSummary;
import dev.loomscope.core.summary.RecordingSummary.GroupTotals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code loomscope summary FILE.jfr [--json]}: the recording's length, threads, carriers, and per
 * thread group the time spent in each state (docs/cli.md describes the JSON).
 */
final class SummaryCommand {
    static final String USAGE = """
              loomscope summary FILE.jfr [--json]
                                            length, threads, carriers and time per state per thread group
            """;

    private final PrintStream out;

    SummaryCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        Path file = null;
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-") || file != null) {
                throw new IllegalArgumentException("summary takes one recording and --json: loomscope summary FILE.jfr [--json]");
            } else {
                file = Path.of(arg);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("summary takes a recording: loomscope summary FILE.jfr [--json]");
        }
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        RecordingSummary summary = RecordingSummary.of(timeline);
        out.print(json ? RecordingJson.GSON.toJson(document(timeline, summary)) + "\n" : summary.render());
        return 0;
    }

    private static Map<String, Object> document(Timeline timeline, RecordingSummary summary) {
        Map<String, Object> threads = new LinkedHashMap<>();
        threads.put("virtual", summary.virtualThreads());
        threads.put("platform", summary.platformThreads());
        threads.put("aliveAtEnd", summary.groups().stream().mapToInt(GroupTotals::aliveAtEnd).sum());
        Map<String, Object> carriers = new LinkedHashMap<>();
        carriers.put("count", summary.carriers());
        carriers.put("parallelism", summary.parallelism());
        carriers.put("busyShare", summary.carrierBusy());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (GroupTotals g : summary.groups()) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", g.name());
            group.put("kind", g.kind().label());
            group.put("threads", g.threads());
            group.put("alive", g.aliveAtEnd());
            group.put("lifetimeNanos", g.lifetimeNanos());
            Map<String, Long> nanos = new LinkedHashMap<>();
            for (ThreadState state : ThreadState.values()) {
                if (state != ThreadState.ENDED) {
                    nanos.put(state.key(), g.nanos(state));
                }
            }
            group.put("nanos", nanos);
            groups.add(group);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("recording", RecordingJson.of(timeline));
        doc.put("threads", threads);
        doc.put("carriers", carriers);
        doc.put("groups", groups);
        return doc;
    }
}
