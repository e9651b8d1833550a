package dev.loomscope.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Runs the budget benchmarks of DESIGN.md section 7 and prints their results as Markdown, ready for
 * {@code docs/benchmarks.md}. Each compares rivals side by side in the same run, alternating them
 * round by round so drift of the machine hits both.
 *
 * <pre>
 *   ./loomscope bench            all of them
 *   ./loomscope bench ingest     model building vs a bare RecordingFile read vs JMC's parser, and heap per span
 *   ./loomscope bench query      the viewport query over 20 million spans
 *   ./loomscope bench live       commit-to-model latency of a live session, and the rate it holds
 *   ./loomscope bench capture    what each capture costs the recorded program, recorded the way users do
 *   ./loomscope bench capture-parts  where that cost goes: each part of the settings and the agent on its own (not in "all")
 *   ./loomscope bench scale      10 k, 100 k and 1 M short-lived virtual threads, and files up to 1 GB: time and heap against size (not in "all")
 *   ./loomscope bench corpus     the detectors on the pathology corpus under three captures (not in "all")
 *   ./loomscope bench ui         the Threads view driven headless on 100 k and 1 M threads: frame times (not in "all")
 * </pre>
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("ingest", "query", "live", "capture") : Arrays.asList(args);
        System.out.println("# Loomscope benchmarks, " + java.time.LocalDate.now() + ", JDK " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB\n");
        for (String name : which) {
            switch (name) {
                case "ingest" -> new IngestBenchmark().run();
                case "query" -> new QueryBenchmark().run();
                case "live" -> new LiveBenchmark().run();
                case "capture" -> new CaptureBenchmark().run();
                case "capture-parts" -> new CaptureParts().run();
                case "scale" -> new ScaleBenchmark().run();
                case "corpus" -> new CorpusBenchmark().run();
                case "ui" -> new UiBenchmark().run();
                default -> throw new IllegalArgumentException("unknown benchmark " + name + " (ingest, query, live, capture, capture-parts, scale, corpus, ui)");
            }
        }
    }

    /** The median of some measurements. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Heap in use after a full collection, as well as the JVM can tell. */
    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
