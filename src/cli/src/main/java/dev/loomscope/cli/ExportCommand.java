package dev.loomscope.cli;

import dev.loomscope.core.export.ExportScope;
import dev.loomscope.core.export.SpanCsv;
import dev.loomscope.core.export.TraceEvents;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * {@code loomscope export FILE.jfr --format perfetto|csv -o OUT [--range FROM:TO] [--threads REGEX]}:
 * the recording as Chrome trace-event JSON for Perfetto UI and {@code chrome://tracing}, or as one
 * span a line of CSV (docs/cli.md says what maps to what).
 */
final class ExportCommand {
    static final String USAGE = """
              loomscope export FILE.jfr -o OUT.json|OUT.csv [--format perfetto|csv] [--range FROM:TO] [--threads REGEX]
                                            for Perfetto UI / chrome://tracing (trace-event JSON), or
                                            one span a line (CSV); the format follows OUT's extension
            """;

    private final PrintStream out;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        Path file = null;
        Path output = null;
        String format = null;
        String range = null;
        String threads = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-o", "--output" -> output = Path.of(OptionValue.of(args, ++i, arg));
                case "--format" -> format = OptionValue.of(args, ++i, arg);
                case "--range" -> range = OptionValue.of(args, ++i, arg);
                case "--threads" -> threads = OptionValue.of(args, ++i, arg);
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        throw new IllegalArgumentException("export does not know '" + arg + "'; usage:\n" + USAGE);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null || output == null) {
            throw new IllegalArgumentException("export needs a recording and -o OUT; usage:\n" + USAGE);
        }
        String chosen = format != null ? format : output.toString().endsWith(".csv") ? "csv" : "perfetto";
        if (!chosen.equals("perfetto") && !chosen.equals("csv")) {
            throw new IllegalArgumentException("--format is perfetto or csv (not '" + chosen + "')");
        }
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        ExportScope scope = scope(timeline, range, threads);
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (chosen.equals("csv")) {
                long lines = SpanCsv.write(timeline, scope, writer);
                out.printf("Wrote %s: %,d spans, %.1f MB.%n", output, lines, Files.size(output) / 1e6);
                return 0;
            }
            TraceEvents.Written w = TraceEvents.write(timeline, scope, writer);
            writer.flush();
            out.printf("Wrote %s: %,d spans, %,d carrier runs, %,d counter samples, %,d arrows, %.1f MB.%n", output,
                    w.spans(), w.carrierRuns(), w.counters(), w.flows(), Files.size(output) / 1e6);
            out.println("Open it in Perfetto UI (https://ui.perfetto.dev, \"Open trace file\": the file stays in "
                    + "your browser) or chrome://tracing.");
            return 0;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    private static ExportScope scope(Timeline timeline, String range, String threads) {
        ExportScope scope = ExportScope.all(timeline);
        if (range != null) {
            scope = scope.withRange(range);
        }
        if (threads != null) {
            try {
                scope = scope.withThreads(threads);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--threads takes a regular expression: " + e.getDescription()
                        + " in '" + threads + "'");
            }
        }
        return scope;
    }
}
