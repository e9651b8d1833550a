package dev.loomscope.bench;

import dev.loomscope.core.capture.AgentJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DESIGN.md budget: "target overhead of tier 1 on a realistic virtual-thread workload: at most 5%
 * throughput". The same workload in child JVMs with JFR on ({@code settings=default}), without and
 * with the agent (every thread, and sampled: 1 in 16 threads), alternating run by run (and without
 * JFR for context), medians of {@value #ROUNDS}:
 * <ol>
 * <li>a context-switch microbenchmark ({@link SwitchWorkload}): the worst case, reported as is;</li>
 * <li>the healthy sample as a service: 100 000 requests, 200 in flight, each two concurrent backend
 *     calls of 2-5 ms simulated I/O, a lock and a queue handoff.</li>
 * </ol>
 */
final class OverheadBenchmark {
    private static final int ROUNDS = 5;
    private static final Pattern NUMBER = Pattern.compile("(ns-per-switch|throughput) ([0-9.]+)");

    void run() throws Exception {
        Path agent = AgentJar.require();
        Path dir = Files.createTempDirectory("loomscope-overhead-");
        System.out.println("## Agent overhead\n");
        System.out.println("| workload | no JFR | JFR | JFR + agent (full) | cost | JFR + agent (sampled 1/16) | cost |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("context switches (ns per switch, lower is better)", "dev.loomscope.bench.SwitchWorkload",
                List.of("200000"), List.of("-Djdk.virtualThreadScheduler.parallelism=1"), agent, dir, false);
        row("healthy service (requests/s, higher is better)", "dev.loomscope.samples.healthy.Healthy",
                List.of("--requests", "100000", "--concurrency", "200"), List.of(), agent, dir, true);
        System.out.println();
    }

    private void row(String name, String main, List<String> args, List<String> jvm, Path agent, Path dir,
                     boolean higherIsBetter) throws Exception {
        double[] none = new double[ROUNDS];
        double[] jfr = new double[ROUNDS];
        double[] full = new double[ROUNDS];
        double[] sampled = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            none[r] = measure(main, args, jvm, null, dir);
            jfr[r] = measure(main, args, jvm, recording(dir, r, "jfr"), dir);
            full[r] = measure(main, args, with(jvm, "-javaagent:" + agent + "=level=full"), recording(dir, r, "full"), dir);
            sampled[r] = measure(main, args, with(jvm, "-javaagent:" + agent + "=level=sampled:16"),
                    recording(dir, r, "sampled"), dir);
        }
        double j = Benchmarks.median(jfr);
        double f = Benchmarks.median(full);
        double s = Benchmarks.median(sampled);
        System.out.printf("| %s | %.1f | %.1f | %.1f | %s | %.1f | %s |%n", name, Benchmarks.median(none), j, f,
                cost(j, f, higherIsBetter), s, cost(j, s, higherIsBetter));
    }

    private static String cost(double base, double measured, boolean higherIsBetter) {
        double cost = higherIsBetter ? 1 - measured / base : measured / base - 1;
        return String.format("%s%.1f%%", cost >= 0 ? "+" : "", 100 * cost);
    }

    private static List<String> with(List<String> jvm, String option) {
        List<String> all = new ArrayList<>(jvm);
        all.add(option);
        return all;
    }

    private static Path recording(Path dir, int round, String kind) {
        return dir.resolve(kind + "-" + round + ".jfr");
    }

    /** Runs the workload once and returns the number it prints. */
    private static double measure(String main, List<String> args, List<String> jvm, Path recording, Path dir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        if (recording != null) {
            command.add("-XX:StartFlightRecording:settings=default,filename=" + recording);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.waitFor();
        String output = Files.readString(log);
        if (recording != null) {
            Files.deleteIfExists(recording);
        }
        Matcher m = NUMBER.matcher(output);
        if (!m.find()) {
            throw new IOException("the workload printed no result: " + output);
        }
        return Double.parseDouble(m.group(2));
    }
}
