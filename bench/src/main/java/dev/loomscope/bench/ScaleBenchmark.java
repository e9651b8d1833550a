package dev.loomscope.bench;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.bench.workloads.MillionThreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue 12's scaling curves: {@link MillionThreads} at 10 k, 100 k and 1 M short-lived virtual
 * threads, recorded as a user without Loomscope would (the JDK's {@code profile} settings plus
 * virtual-thread start and end), and the pipeline sample recorded longer and longer, up to 1 GB;
 * then per file: a bare {@code RecordingFile} read, the model built (and when its first chunk could
 * be shown),
 * the model built and analysed (medians of {@value #ROUNDS}, alternating), and the heap the model
 * keeps. Recordings are made once and kept in {@code bench/target/data}.
 */
final class ScaleBenchmark {
    private static final int ROUNDS = 3;
    private static final String SETTINGS = "settings=profile,jdk.VirtualThreadStart#enabled=true,"
            + "jdk.VirtualThreadEnd#enabled=true";

    void run() throws Exception {
        System.out.println("## Scale: short-lived virtual threads\n");
        System.out.println("`bench/workloads/MillionThreads --threads N` under `" + SETTINGS + "`; medians of " + ROUNDS
                + " alternating rounds in one JVM, each from a collected heap; heap is what the built model keeps after a full GC.\n");
        System.out.println("| threads | file MB | events | bare read ms | first view ms | model ms | vs bare "
                + "| model + detectors ms | vs bare | model heap MB | heap / file |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int threads : List.of(10_000, 100_000, 1_000_000)) {
            row(String.format("%,d", threads), recording(threads));
        }
        System.out.println();
        wholeProcesses(List.of(recording(1_000_000), IngestBenchmark.pipeline(PIPELINE_ITEMS.get(0))));
        System.out.println("## Scale: file size\n");
        System.out.println("`sample-apps/pipeline --items N --sink-millis 0` (20 threads, many events) under Loomscope's "
                + "settings without the agent, as `bench ingest` records it, longer and longer; same columns.\n");
        System.out.println("| items | file MB | events | bare read ms | first view ms | model ms | vs bare "
                + "| model + detectors ms | vs bare | model heap MB | heap / file |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (long items : PIPELINE_ITEMS) {
            row(String.format("%,d", items), IngestBenchmark.pipeline(items));
        }
        System.out.println();
    }

    /**
     * The same comparison as a user makes it: each command a process of its own, through the
     * launcher. Skipped when the benchmark was not started by the launcher.
     */
    private static void wholeProcesses(List<Path> files) throws Exception {
        String launcher = System.getProperty("loomscope.launcher");
        if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
            System.out.println("(whole processes skipped: run as ./loomscope bench scale)\n");
            return;
        }
        System.out.println("## Scale: whole processes\n");
        System.out.println("`loomscope summary FILE` and `loomscope analyze FILE` through the launcher, against a bare "
                + "read in a JVM of its own (`-XX:MaxRAMPercentage=50`, the launcher's default heap); wall time, "
                + "start-up and exit included, medians of 5 alternating rounds.\n");
        WholeProcesses processes = new WholeProcesses(Path.of(launcher));
        WholeProcesses.header();
        for (Path file : files) {
            processes.row(file);
        }
        System.out.println();
    }

    /** The pipeline's lengths: the ingest benchmark's file (about 150 MB), then about 500 MB and 1 GB. */
    private static final List<Long> PIPELINE_ITEMS = List.of(1_600_000L, 5_300_000L, 10_700_000L);

    private static void row(String size, Path file) throws Exception {
        long events = IngestBenchmark.bareRead(file);
        Analysis.run(load(file), Map.of(), Detectors.builtIn()); // warm-up: compiled code for every round
        double[] bare = new double[ROUNDS];
        double[] model = new double[ROUNDS];
        double[] analysed = new double[ROUNDS];
        double[] firstView = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            // Each from a collected heap: what one leaves behind would be the next one's to collect.
            System.gc();
            long t0 = System.nanoTime();
            IngestBenchmark.bareRead(file);
            bare[r] = (System.nanoTime() - t0) / 1e6;
            System.gc();
            FirstView first = new FirstView();
            long t1 = System.nanoTime();
            RecordingLoader.load(file, first);
            model[r] = (System.nanoTime() - t1) / 1e6;
            firstView[r] = first.at == 0 ? Double.NaN : (first.at - t1) / 1e6;
            System.gc();
            long t2 = System.nanoTime();
            Analysis.run(load(file), Map.of(), Detectors.builtIn());
            analysed[r] = (System.nanoTime() - t2) / 1e6;
        }
        long before = Benchmarks.usedHeapAfterGc();
        Timeline timeline = load(file);
        long heap = Benchmarks.usedHeapAfterGc() - before;
        double megabytes = Files.size(file) / 1e6;
        double b = Benchmarks.median(bare);
        double m = Benchmarks.median(model);
        double a = Benchmarks.median(analysed);
        double f = Benchmarks.median(firstView);
        System.out.printf("| %s | %.1f | %,d | %.0f | %s | %.0f | %.2fx | %.0f | %.2fx | %.0f | %.1fx |%n", size, megabytes,
                events, b, Double.isNaN(f) ? "(one chunk)" : String.format("%.0f", f), m, m / b, a, a / b, heap / 1e6,
                heap / 1e6 / megabytes);
        if (timeline.laneCount() < 0) {
            throw new AssertionError(); // keeps the timeline reachable until measured
        }
    }

    /** When the load first handed out the timeline to be shown while the rest is read (the app's first view). */
    private static final class FirstView implements LoadMonitor {
        long at;

        @Override
        public void readUpTo(Timeline growing, long end) {
            if (at == 0) {
                at = System.nanoTime();
            }
        }
    }

    private static Timeline load(Path file) throws IOException {
        return RecordingLoader.load(file, LoadMonitor.NONE);
    }

    static Path recording(int threads) throws IOException, InterruptedException {
        Path file = Path.of("bench", "target", "data", "threads-" + threads + ".jfr");
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        System.err.println("bench: recording MillionThreads --threads " + threads + "...");
        Files.createDirectories(file.getParent());
        ProgramRecorder.Result result = ProgramRecorder.recordWithSettings(SETTINGS, List.of("-cp",
                System.getProperty("java.class.path"), MillionThreads.class.getName(), "--threads",
                String.valueOf(threads)), file, Duration.ofMinutes(10));
        if (result.exitCode() != 0) {
            throw new IOException("the workload failed: " + result.output());
        }
        return file;
    }
}
