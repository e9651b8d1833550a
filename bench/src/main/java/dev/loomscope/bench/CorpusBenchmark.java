package dev.loomscope.bench;

import com.google.gson.Gson;
import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pathology corpus ({@code sample-apps/corpus}): every program recorded under the three
 * captures a user may have (the JDK's own {@code profile} settings plus the virtual-thread events,
 * Loomscope's settings, Loomscope's settings with the full agent), analyzed with the built-in
 * detectors, and scored against its truth file. Prints a Markdown table for
 * {@code docs/detectors.md}: per program and capture, right, missed, or wrong (a finding at medium
 * or above of a kind the truth does not accept).
 */
final class CorpusBenchmark {
    /** The three captures, in the order of the table's columns. */
    enum Capture { JDK, LOOMSCOPE, AGENT_FULL }

    /** A truth file (sample-apps/corpus/README.md). */
    record Truth(String program, String kind, List<String> alsoAccept, List<String> threads, String site,
                 boolean jdkVisible, String why) {
        boolean accepts(String found) {
            return kind.equals(found) || (alsoAccept != null && alsoAccept.contains(found));
        }
    }

    private final Path truthDir = Path.of(System.getProperty("loomscope.corpus", "sample-apps/corpus/truth"));
    private final Path work;

    CorpusBenchmark() throws IOException {
        work = Files.createTempDirectory("loomscope-corpus-");
    }

    void run() throws Exception {
        List<Truth> truths = truths();
        System.out.println("## Detectors on the pathology corpus\n");
        System.out.println("`./loomscope bench corpus`: " + truths.size() + " programs, each recorded three ways and "
                + "analyzed with the built-in detectors at their default thresholds. A cell is **right** when a "
                + "finding at medium or above has an accepted kind and names every thread the truth names, "
                + "*missed* when there is none, and lists any other finding at medium or above as wrong.\n");
        System.out.println("| program | truth | JDK visible | JDK `profile` | `loomscope record` | `--agent-full` |");
        System.out.println("|---|---|---|---|---|---|");
        int[] right = new int[Capture.values().length];
        int[] wrong = new int[Capture.values().length];
        int[] jdkRight = new int[1];
        int jdkVisible = 0;
        for (Truth truth : truths) {
            StringBuilder row = new StringBuilder("| " + truth.program() + " | " + truth.kind() + " | "
                    + (truth.jdkVisible() ? "yes" : "no") + " |");
            jdkVisible += truth.jdkVisible() ? 1 : 0;
            for (Capture capture : Capture.values()) {
                Score score = score(truth, analyze(truth, capture));
                row.append(' ').append(score.cell()).append(" |");
                right[capture.ordinal()] += score.right() ? 1 : 0;
                wrong[capture.ordinal()] += score.wrong().isEmpty() ? 0 : 1;
                if (capture == Capture.JDK && truth.jdkVisible() && score.right()) {
                    jdkRight[0]++;
                }
            }
            System.out.println(row);
        }
        System.out.printf("%n| | | | %d/%d right (%d/%d of the JDK-visible), %d with a wrong finding | %d/%d right, %d wrong | %d/%d right, %d wrong |%n",
                right[0], truths.size(), jdkRight[0], jdkVisible, wrong[0], right[1], truths.size(), wrong[1],
                right[2], truths.size(), wrong[2]);
        System.out.println();
    }

    private List<Truth> truths() throws IOException {
        Gson gson = new Gson();
        List<Truth> truths = new ArrayList<>();
        try (Stream<Path> files = Files.list(truthDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                truths.add(gson.fromJson(Files.readString(file), Truth.class));
            }
        }
        if (truths.isEmpty()) {
            throw new IllegalStateException("no truth files in " + truthDir.toAbsolutePath());
        }
        return truths;
    }

    private static List<String> withAgent(String level, List<String> program) {
        List<String> command = new ArrayList<>();
        command.add("-javaagent:" + AgentJar.require() + "=" + level);
        command.addAll(program);
        return command;
    }

    /** Records the program under one capture and runs the detectors; null when the program failed. */
    private Analysis.Result analyze(Truth truth, Capture capture) throws IOException, InterruptedException {
        Path out = work.resolve(truth.program() + "-" + capture.name().toLowerCase() + ".jfr");
        List<String> program = List.of("-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.corpus." + truth.program());
        ProgramRecorder.Result result = switch (capture) {
            case JDK -> ProgramRecorder.recordWithSettings(
                    "settings=profile,jdk.VirtualThreadStart#enabled=true,jdk.VirtualThreadEnd#enabled=true",
                    program, out, Duration.ofSeconds(60));
            // What loomscope record does by default, and with --agent-full.
            case LOOMSCOPE -> ProgramRecorder.record(withAgent("level=runs", program), out, Duration.ofSeconds(60));
            case AGENT_FULL -> ProgramRecorder.record(withAgent("level=full", program), out, Duration.ofSeconds(60));
        };
        if (result.exitCode() != 0 || !Files.isRegularFile(out)) {
            System.err.println(truth.program() + " under " + capture + " exited " + result.exitCode() + ":\n" + result.output());
            return null;
        }
        Timeline timeline = RecordingLoader.load(out, LoadMonitor.NONE);
        Files.deleteIfExists(out);
        return Analysis.run(timeline, Map.of(), Detectors.builtIn());
    }

    /** How one analysis did against the truth. */
    record Score(boolean right, List<String> wrong, boolean failed) {
        String cell() {
            if (failed) {
                return "(program failed)";
            }
            String base = right ? "**right**" : "*missed*";
            return wrong.isEmpty() ? base : base + ", wrong: " + String.join(", ", wrong);
        }
    }

    static Score score(Truth truth, Analysis.Result result) {
        if (result == null) {
            return new Score(false, List.of(), true);
        }
        boolean right = truth.kind().equals("healthy");
        List<String> wrong = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.severity().compareTo(Severity.MEDIUM) < 0) {
                continue;
            }
            if (truth.accepts(f.kind()) && namesAll(f, truth.threads())) {
                right = true;
            } else if (!truth.accepts(f.kind())) {
                wrong.add(f.kind());
            }
        }
        if (!wrong.isEmpty() && truth.kind().equals("healthy")) {
            right = false;
        }
        return new Score(right, wrong.stream().distinct().toList(), false);
    }

    /** True if each pattern (a name, or a prefix ending in '*') matches a thread the finding names. */
    private static boolean namesAll(Finding finding, List<String> patterns) {
        for (String pattern : patterns) {
            boolean prefix = pattern.endsWith("*");
            String stem = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (finding.threads().stream().noneMatch(t -> prefix ? t.startsWith(stem) : t.equals(stem))) {
                return false;
            }
        }
        return true;
    }
}
