package dev.loomscope.bench;

import dev.loomscope.bench.workloads.Throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 13's budgets: what a capture costs the program it records, measured the way a user
 * captures. Each workload runs as a child JVM under each capture, captures alternating within a
 * round so drift of the machine hits them all, medians of {@value #ROUNDS} rounds:
 * <ul>
 * <li>no JFR (context);</li>
 * <li>the JDK's {@code default} settings: {@code java -XX:StartFlightRecording:settings=default,...},
 *     the baseline every cost is against;</li>
 * <li>{@code loomscope record -o F -- java ...}, {@code --agent} and {@code --agent-full}: the
 *     {@code loomscope} launcher itself, the command line docs/cli.md gives.</li>
 * </ul>
 * The workloads print their own throughput, over the whole run and over its second half: the
 * steady state a capture left on costs, once the program started and the JIT compiled what the
 * capture added (at 150,000 requests, the service's whole run had the default capture's start-up
 * and warm-up in it: 1.7 s more compiling, half its cost). The data rate is the file's size over the
 * time the workload ran (its work over its throughput: {@code record}'s own reading of the file
 * afterwards is not the program's time).
 */
final class CaptureBenchmark {
    private static final int ROUNDS = 3;

    /** @param work how many requests or items one run does */
    private record Workload(String name, String unit, String mainClass, List<String> args, long work) {
    }

    private record Capture(String name, List<String> recordOptions) {
        boolean viaLauncher() {
            return recordOptions != null;
        }
    }

    private record Run(double throughput, double steady, double megabytesPerMinute) {
    }

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("request/response service (sample healthy)", "requests/s",
                    "dev.loomscope.samples.healthy.Healthy", List.of("--requests", "450000", "--concurrency", "200"), 450_000),
            new Workload("pipeline through bounded queues (bench PipelineLoad)", "items/s",
                    "dev.loomscope.bench.workloads.PipelineLoad", List.of("4500000"), 4_500_000),
            new Workload("future fan-out (bench FanOutLoad)", "requests/s",
                    "dev.loomscope.bench.workloads.FanOutLoad", List.of("900000", "200"), 900_000));

    private static final List<Capture> CAPTURES = List.of(
            new Capture("no JFR", null),
            new Capture("JDK default", null),
            new Capture("loomscope record", List.of()),
            new Capture("record --no-agent", List.of("--no-agent")),
            new Capture("record --agent", List.of("--agent")),
            new Capture("record --agent-full", List.of("--agent-full")));

    void run() throws Exception {
        Path launcher = Path.of(System.getProperty("loomscope.launcher", "loomscope"));
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run this benchmark with ./loomscope bench capture (it records through the launcher)");
        }
        Path dir = Files.createTempDirectory("loomscope-capture-");
        System.out.println("## Capture cost\n");
        System.out.println("Throughput of each workload under each capture, and its cost against the JDK's `default` "
                + "settings (medians of " + ROUNDS + " alternating rounds): in the steady state (the second half of "
                + "each run), then over the whole run (start-up and warm-up included); below, the data each "
                + "capture writes.\n");
        StringBuilder header = new StringBuilder("| workload |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Capture c : CAPTURES) {
            header.append(' ').append(c.name()).append(" |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        List<String> rates = new ArrayList<>();
        List<String> wholeRuns = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            Run[][] runs = new Run[CAPTURES.size()][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                for (int c = 0; c < CAPTURES.size(); c++) {
                    runs[c][r] = measure(w, CAPTURES.get(c), launcher, dir);
                }
            }
            System.out.println(throughputRow(w, runs, Metric.STEADY));
            wholeRuns.add(throughputRow(w, runs, Metric.WHOLE_RUN));
            rates.add(rateRow(w, runs));
        }
        System.out.println("\n| whole run |" + header.substring(header.indexOf("|", 1) + 1));
        System.out.println(rule);
        wholeRuns.forEach(System.out::println);
        System.out.println("\n| data written, MB per minute |" + header.substring(header.indexOf("|", 1) + 1));
        System.out.println(rule);
        rates.forEach(System.out::println);
        System.out.println();
    }

    private enum Metric { STEADY, WHOLE_RUN, RATE }

    private static String throughputRow(Workload w, Run[][] runs, Metric metric) {
        StringBuilder row = new StringBuilder("| " + w.name() + ", " + w.unit() + " |");
        double base = median(runs[1], metric);
        for (int c = 0; c < runs.length; c++) {
            double value = median(runs[c], metric);
            row.append(String.format(" %,.0f", value));
            if (c >= 2) {
                row.append(String.format(" (%.2fx, cost %.0f %%)", value / base, 100 * (1 - value / base)));
            }
            row.append(" |");
        }
        return row.toString();
    }

    private static String rateRow(Workload w, Run[][] runs) {
        StringBuilder row = new StringBuilder("| " + w.name() + " |");
        for (Run[] capture : runs) {
            row.append(String.format(" %.1f |", median(capture, Metric.RATE)));
        }
        return row.toString();
    }

    private static double median(Run[] runs, Metric metric) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = switch (metric) {
                case STEADY -> runs[i].steady();
                case WHOLE_RUN -> runs[i].throughput();
                case RATE -> runs[i].megabytesPerMinute();
            };
        }
        return Benchmarks.median(values);
    }

    /** Runs the workload once under the capture: its throughput and the recording's data rate. */
    private static Run measure(Workload w, Capture capture, Path launcher, Path dir) throws IOException, InterruptedException {
        Path recording = dir.resolve("capture.jfr");
        Files.deleteIfExists(recording);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (capture.viaLauncher()) {
            command.addAll(List.of(launcher.toString(), "record", "-o", recording.toString()));
            command.addAll(capture.recordOptions());
            command.add("--");
            command.add(java);
        } else {
            command.add(java);
            if (capture.name().equals("JDK default")) {
                command.add("-XX:StartFlightRecording:settings=default,filename=" + recording);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), w.mainClass()));
        command.addAll(w.args());
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        String output = Files.readString(log);
        Throughput measured = Throughput.in(output);
        if (exit != 0 || measured == null) {
            throw new IOException(capture.name() + " of " + w.name() + " failed (exit " + exit + "): " + output);
        }
        double megabytes = Files.exists(recording) ? Files.size(recording) / 1e6 : 0;
        Files.deleteIfExists(recording);
        return new Run(measured.whole(), measured.steady(), megabytes / (w.work() / measured.whole()) * 60);
    }
}
