package dev.loomscope.cli;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code loomscope analyze FILE.jfr [--format text|json|sarif|junit] [--fail-on SEVERITY]
 * [--set KEY=VALUE]... [--plugins DIR]}: runs every detector and prints the findings, as text, as
 * the JSON of {@code docs/cli.md}, as SARIF or as JUnit XML. With {@code --fail-on}, the exit code is 1 when a finding of that severity
 * or worse exists, so it can gate a CI job.
 */
final class AnalyzeCommand {
    static final String USAGE = """
              loomscope analyze FILE.jfr [--format text|json|sarif|junit] [--fail-on SEVERITY] [--set KEY=VALUE]...
                                            [--plugins DIR]
                                            run the detectors; exit 1 if a finding reaches SEVERITY
                                            (--json is --format json; sarif for code scanning, junit
                                            for CI test reports: a test per detector)
            """;

    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws IOException {
        Path file = null;
        String format = "text";
        Severity failOn = null;
        Map<String, Double> settings = new HashMap<>();
        Path plugins = defaultPlugins();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> format = "json";
                case "--format" -> format = format(OptionValue.of(args, ++i, arg));
                case "--fail-on" -> failOn = Severity.parse(OptionValue.of(args, ++i, arg));
                case "--set" -> set(OptionValue.of(args, ++i, arg), settings);
                case "--plugins" -> plugins = Path.of(OptionValue.of(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        throw new IllegalArgumentException("analyze does not know '" + arg + "'");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("analyze takes a recording: loomscope analyze FILE.jfr");
        }
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        Detectors.Loaded detectors = Detectors.load(plugins);
        detectors.plugins().stream().filter(p -> !p.problem().isEmpty())
                .forEach(p -> err.println("loomscope: plugin " + p.jar().getFileName() + " skipped: " + p.problem()));
        Analysis.Result result = Analysis.run(timeline, settings, detectors.detectors());
        result.failures().forEach(f -> err.println("loomscope: " + f.message()));
        switch (format) {
            case "json" -> out.println(RecordingJson.GSON.toJson(document(timeline, result)));
            case "sarif" -> out.println(RecordingJson.GSON.toJson(SarifReport.of(timeline, detectors.detectors(), result,
                    version())));
            case "junit" -> out.print(JUnitReport.of(timeline, detectors.detectors(), result,
                    failOn == null ? Severity.MEDIUM : failOn));
            default -> text(timeline, result);
        }
        Severity gate = failOn;
        boolean tripped = gate != null && result.findings().stream().anyMatch(f -> f.severity().compareTo(gate) >= 0);
        return tripped ? 1 : 0;
    }

    private static String format(String name) {
        if (!List.of("text", "json", "sarif", "junit").contains(name)) {
            throw new IllegalArgumentException("--format is text, json, sarif or junit (not '" + name + "')");
        }
        return name;
    }

    private static String version() {
        String version = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The plugins folder of the distribution Loomscope runs from, or none. */
    private static Path defaultPlugins() {
        String home = System.getProperty("loomscope.home");
        return home == null ? null : Path.of(home, "plugins");
    }

    private static void set(String assignment, Map<String, Double> settings) {
        try {
            Threshold.assign(assignment, settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set: " + e.getMessage());
        }
    }

    private void text(Timeline timeline, Analysis.Result result) {
        RecordingInfo info = timeline.info();
        out.printf("Recording  %s, %.3f s, %,d threads%n", info.source(), timeline.durationNanos() / 1e9, timeline.laneCount());
        if (result.findings().isEmpty()) {
            out.println("No findings.");
        } else {
            out.println(result.findings().size() + (result.findings().size() == 1 ? " finding:" : " findings:"));
        }
        for (Finding f : result.findings()) {
            out.printf("%n[%s] %s, %.3f s to %.3f s%s%n", f.severity().label(), f.kind(), f.startNanos() / 1e9,
                    f.endNanos() / 1e9, f.site().isEmpty() ? "" : ", at " + f.site());
            out.println("  " + f.message());
            List<String> threads = f.threads();
            if (!threads.isEmpty()) {
                out.println("  threads (" + threads.size() + "): " + String.join(", ", threads.subList(0, Math.min(10, threads.size())))
                        + (threads.size() > 10 ? ", ..." : ""));
            }
        }
        info.warningTexts().forEach(w -> out.println("\nnote: " + w));
    }

    private static Map<String, Object> document(Timeline timeline, Analysis.Result result) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            findings.add(RecordingJson.finding(f));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("recording", RecordingJson.of(timeline));
        doc.put("findings", findings);
        doc.put("failures", result.failures());
        return doc;
    }
}
