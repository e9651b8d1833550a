package dev.loomscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code loomscope summary} and {@code loomscope analyze} of a file as a user runs them (the
 * launcher, its JVM options, a JVM of their own, start-up and exit included), against a bare read
 * of the same file in a JVM of its own with the launcher's heap option: alternating, medians.
 */
final class WholeProcesses {
    private static final int ROUNDS = 5;

    private final Path launcher;

    WholeProcesses(Path launcher) {
        this.launcher = launcher;
    }

    static void header() {
        System.out.println("| file | bare read s | `summary` s | vs bare | `analyze` s | vs bare |");
        System.out.println("|---|---|---|---|---|---|");
    }

    void row(Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> bare = List.of(java, "-XX:MaxRAMPercentage=50", "-cp", System.getProperty("java.class.path"),
                BareRead.class.getName(), file.toString());
        List<String> summary = List.of(launcher.toString(), "summary", file.toString());
        List<String> analyze = List.of(launcher.toString(), "analyze", file.toString());
        double[][] seconds = new double[3][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            seconds[0][r] = time(bare);
            seconds[1][r] = time(summary);
            seconds[2][r] = time(analyze);
        }
        double b = Benchmarks.median(seconds[0]);
        double s = Benchmarks.median(seconds[1]);
        double a = Benchmarks.median(seconds[2]);
        System.out.printf("| %s | %.2f | %.2f | %.2fx | %.2f | %.2fx |%n", file.getFileName(), b, s, s / b, a, a / b);
    }

    /** Wall seconds of one run of {@code command}, which must succeed. */
    private static double time(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("loomscope-bench-process", ".log");
        try {
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            int exit = process.waitFor();
            long t1 = System.nanoTime();
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + exit + "): " + Files.readString(log));
            }
            return (t1 - t0) / 1e9;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
