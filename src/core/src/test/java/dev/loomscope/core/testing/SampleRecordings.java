package dev.loomscope.core.testing;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recordings of the sample apps, made by running them in a child JVM under Loomscope's settings:
 * the ground truth of the tests. Each is recorded once per test JVM and shared.
 */
public final class SampleRecordings {
    /** The pipeline processes this many items; its slow sink takes 5 ms each. */
    public static final int PIPELINE_ITEMS = 400;

    private static final Path DIR = Path.of("target", "recordings");
    private static final Map<String, Path> RECORDED = new HashMap<>();
    private static final Map<String, Timeline> LOADED = new HashMap<>();

    private SampleRecordings() {
    }

    /** {@code sample-apps/pipeline}: 4 virtual sources, 2 virtual transforms, a slow platform sink. */
    public static synchronized Path pipeline() {
        return record("pipeline", List.of(), "dev.loomscope.samples.pipeline.Pipeline",
                "--items", String.valueOf(PIPELINE_ITEMS), "--sink-millis", "5");
    }

    /** The pipeline recorded with small chunks, so the file has several and can be cut between them. */
    public static synchronized Path pipelineInSmallChunks() {
        return record("pipeline-chunked", List.of("-XX:FlightRecorderOptions:maxchunksize=1M"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", "120000", "--sink-millis", "0");
    }

    /** {@code sample-apps/leaky}: 40 orphans blocked forever, 60 workers that finish. */
    public static synchronized Path leaky() {
        return record("leaky", List.of(), "dev.loomscope.samples.leaky.Leaky", "--linger-millis", "1500");
    }

    /** {@code sample-apps/starved}: CPU-bound virtual threads on a scheduler with parallelism 2. */
    public static synchronized Path starved() {
        return record("starved", List.of("-Djdk.virtualThreadScheduler.parallelism=2"),
                "dev.loomscope.samples.starved.Starved");
    }

    /** The starved sample with the Loomscope agent reporting every thread: exact carriers and runnable times. */
    public static synchronized Path starvedWithAgent() {
        return record("starved-agent", List.of("-Djdk.virtualThreadScheduler.parallelism=2", "-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.starved.Starved");
    }

    /** The starved sample as {@code loomscope record} captures by default: the agent batching the carriers' runs. */
    public static synchronized Path starvedWithBatchedRuns() {
        return record("starved-runs", List.of("-Djdk.virtualThreadScheduler.parallelism=2", "-javaagent:" + agentJar() + "=level=runs"),
                "dev.loomscope.samples.starved.Starved");
    }

    /**
     * The leaky sample as {@code loomscope record} captures by default: the agent's batched runs,
     * and its thread dump at exit beside the recording.
     */
    public static synchronized Path leakyWithBatchedRuns() {
        return record("leaky-runs", List.of("-javaagent:" + agentJar() + "=level=runs"),
                "dev.loomscope.samples.leaky.Leaky", "--linger-millis", "1500");
    }

    /** The leaky sample with the agent: its BlockBegin events say where each orphan waits. */
    public static synchronized Path leakyWithAgent() {
        return record("leaky-agent", List.of("-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.leaky.Leaky", "--linger-millis", "1500");
    }

    /** The pipeline with the agent: its two queues' identities, every operation on them, who unblocked whom. */
    public static synchronized Path pipelineWithAgent() {
        return record("pipeline-agent", List.of("-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", String.valueOf(PIPELINE_ITEMS), "--sink-millis", "5");
    }

    /** The pipeline as {@code loomscope record} captures by default, in chunks of 1 MB: the runs' settling at each chunk end. */
    public static synchronized Path pipelineWithBatchedRunsInSmallChunks() {
        return record("pipeline-runs-chunked", List.of("-XX:FlightRecorderOptions:maxchunksize=1M",
                "-javaagent:" + agentJar() + "=level=runs"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", "1000000", "--sink-millis", "0");
    }

    /** {@code sample-apps/futures} with the agent: every chain, edge, completion and observation. */
    public static synchronized Path futuresWithAgent() {
        return record("futures-agent", List.of("-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.futures.Futures", "--linger-millis", "1500");
    }

    /** {@code sample-apps/futures} without the agent: waits at join/get sites only. */
    public static synchronized Path futures() {
        return record("futures", List.of(), "dev.loomscope.samples.futures.Futures", "--linger-millis", "1500");
    }

    /** {@code sample-apps/deadlock} with the agent: a channel cycle and a lock cycle. */
    public static synchronized Path deadlockWithAgent() {
        return record("deadlock-agent", List.of("-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.deadlock.Deadlock", "--linger-millis", "1500");
    }

    /** The agent jar built by {@code src/agent}. */
    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("loomscope.agent.jar", "../agent/target/loomscope-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is missing: " + jar.toAbsolutePath() + " (build src/agent first)");
        }
        return jar.toAbsolutePath();
    }

    /** {@code sample-apps/pinning}: virtual threads blocking in class initializers. */
    public static synchronized Path pinning() {
        return record("pinning", List.of(), "dev.loomscope.samples.pinning.Pinning");
    }

    /** {@code sample-apps/poolstarve}: every worker of a fixed pool blocked on tasks of the same pool. */
    public static synchronized Path poolStarve() {
        return record("poolstarve", List.of(), "dev.loomscope.samples.poolstarve.PoolStarve");
    }

    /** {@code sample-apps/healthy}: a service under load with nothing wrong, the control. */
    public static synchronized Path healthy() {
        return record("healthy", List.of(), "dev.loomscope.samples.healthy.Healthy", "--seconds", "3");
    }

    /** The healthy service with the agent: exact data must not make false positives either. */
    public static synchronized Path healthyWithAgent() {
        return record("healthy-agent", List.of("-javaagent:" + agentJar() + "=level=full"),
                "dev.loomscope.samples.healthy.Healthy", "--seconds", "3");
    }

    /**
     * The leaky sample recorded as a user would without Loomscope: the JDK's {@code profile}
     * settings plus the virtual-thread events, no method tracing, no agent.
     */
    public static synchronized Path leakyWithJdkProfile() {
        return recordWithJdkProfile("leaky-profile", List.of("-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.leaky.Leaky", "--linger-millis", "1500"));
    }

    /**
     * {@code bench}'s {@code CarrierStarvation} under the JDK's own settings: 6 CPU-bound virtual
     * threads {@code hog-N} hold both carriers in waves of 1.5 s while 4 virtual threads
     * {@code sleeper-N} sleep 10 ms at a time, so their wake-ups come up to 1.5 s late.
     */
    public static synchronized Path carrierStarvationWithJdkProfile() {
        return recordWithJdkProfile("starvation-profile", List.of("-Djdk.virtualThreadScheduler.parallelism=2",
                workload("CarrierStarvation").toString()));
    }

    /** The same program as {@link #carrierStarvationWithJdkProfile()} without its hogs: no starvation. */
    public static synchronized Path carrierCalmWithJdkProfile() {
        return recordWithJdkProfile("calm-profile", List.of("-Djdk.virtualThreadScheduler.parallelism=2",
                workload("CarrierStarvation").toString(), "--hogs", "0"));
    }

    /**
     * {@code bench}'s {@code MillionThreads}, scaled down to {@value #MANY_THREADS} short-lived
     * virtual threads {@code gen-N} that each put one item into one of 64 bounded queues and sleep
     * 0.1 ms, under the JDK's own settings: the scheduler is swamped, so most 0.1 ms sleeps return
     * far later.
     */
    public static synchronized Path manyThreadsWithJdkProfile() {
        return recordWithJdkProfile("many-threads-profile", List.of(workload("MillionThreads").toString(),
                "--threads", String.valueOf(MANY_THREADS)));
    }

    /** How many generator threads {@link #manyThreadsWithJdkProfile()} starts. */
    public static final int MANY_THREADS = 50_000;

    /** How a corpus program is recorded: the JDK's profile, {@code loomscope record}, and {@code --agent-full}. */
    public enum Capture { JDK_PROFILE, LOOMSCOPE, AGENT_FULL }

    /**
     * A program of the pathology corpus ({@code sample-apps/corpus}, ground truth in its
     * {@code truth/} folder), run as a single source file under {@code capture}.
     */
    public static synchronized Path corpus(String program, Capture capture) {
        String source = repoFile("sample-apps/corpus/src/main/java/dev/loomscope/samples/corpus/" + program + ".java").toString();
        String name = "corpus-" + program + "-" + capture.name().toLowerCase();
        return switch (capture) {
            case JDK_PROFILE -> recordWithJdkProfile(name, List.of(source));
            case LOOMSCOPE -> recordSource(name, List.of("-javaagent:" + agentJar() + "=level=runs", source));
            case AGENT_FULL -> recordSource(name, List.of("-javaagent:" + agentJar() + "=level=full", source));
        };
    }

    /** Runs {@code java javaArguments} under Loomscope's settings, once per test JVM. */
    private static Path recordSource(String name, List<String> javaArguments) {
        return recordOnce(name, out -> ProgramRecorder.record(javaArguments, out, Duration.ofSeconds(120)));
    }

    /** A workload of {@code bench/}, run as a single source file (the tests do not build the bench module). */
    private static Path workload(String name) {
        return repoFile("bench/src/main/java/dev/loomscope/bench/workloads/" + name + ".java");
    }

    /** A file of this repository, found from the module the tests run in. */
    public static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    /** Runs {@code java javaArguments} under the JDK's profile settings plus the virtual-thread events, once. */
    private static Path recordWithJdkProfile(String name, List<String> javaArguments) {
        return recordOnce(name, out -> ProgramRecorder.recordWithSettings(
                "settings=profile,jdk.VirtualThreadStart#enabled=true,jdk.VirtualThreadEnd#enabled=true",
                javaArguments, out, Duration.ofSeconds(120)));
    }

    /** How a recording is made, into the file it is given. */
    private interface Recorder {
        ProgramRecorder.Result record(Path out) throws IOException, InterruptedException;
    }

    /** Makes the recording {@code name} once per test JVM; a program that fails fails the test that needs it. */
    private static Path recordOnce(String name, Recorder recorder) {
        return RECORDED.computeIfAbsent(name, k -> {
            try {
                Files.createDirectories(DIR);
                ProgramRecorder.Result result = recorder.record(DIR.resolve(name + ".jfr"));
                if (result.exitCode() != 0) {
                    throw new IllegalStateException(name + " exited with " + result.exitCode() + ":\n" + result.output());
                }
                return result.recording();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Loads a sample's recording once per test JVM. */
    public static synchronized Timeline timeline(Path recording) {
        return LOADED.computeIfAbsent(recording.toString(), k -> load(recording));
    }

    public static synchronized Timeline pipelineTimeline() {
        return LOADED.computeIfAbsent("pipeline", k -> load(pipeline()));
    }

    public static synchronized Timeline leakyTimeline() {
        return LOADED.computeIfAbsent("leaky", k -> load(leaky()));
    }

    public static Timeline load(Path file) {
        Timeline timeline;
        try {
            timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Ingest reads what it can of a damaged file and says where it stopped; a recording the
        // tests just made is whole, so stopping is a bug of ours (an event it could not take).
        for (String warning : timeline.info().warningTexts()) {
            if (warning.startsWith("Reading stopped")) {
                throw new IllegalStateException(file + ": " + warning);
            }
        }
        return timeline;
    }

    private static Path record(String name, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return recordOnce(name, out -> ProgramRecorder.record(command, out, Duration.ofSeconds(90)));
    }
}
