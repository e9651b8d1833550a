package dev.loomscope.core.agent;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.live.LiveOptions;
import dev.loomscope.core.live.LiveSession;
import dev.loomscope.core.live.TargetJvm;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.ChildJvm;
import dev.loomscope.core.testing.FutureSites;
import dev.loomscope.core.testing.ParkSites;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 1: the starved sample (parallelism 2, two CPU hogs) run with the Loomscope agent. Exact
 * carriers, exact runnable time; and an agent that meets JDK internals it does not know gets out
 * of the way.
 */
class AgentTest {

    @Test
    void everyRunningSpanHasItsCarrierAndCarriersNeverOverlap() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.starvedWithAgent());
        assertEquals(Set.of("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2"),
                timeline.carrierLanes().stream().map(Lane::name).collect(Collectors.toSet()),
                "parallelism 2: the two carriers the JVM used");
        int running = 0;
        for (Lane lane : timeline.lanes()) {
            if (!lane.isVirtual()) {
                continue;
            }
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.RUNNING && !lane.spanInferred(i)) {
                    running++;
                    assertTrue(lane.spanLink(i) >= 0, lane.name() + " runs on a named carrier at " + lane.spanStart(i));
                }
            }
        }
        assertTrue(running > 1000, "the tickers' thousands of runs, got " + running);
        for (Lane carrier : timeline.carrierLanes()) {
            for (int i = 0; i < carrier.spanCount(); i++) {
                assertTrue(carrier.spanLink(i) >= 0, "each busy interval names its virtual thread");
                if (i > 0) {
                    assertTrue(carrier.spanEnd(i - 1) <= carrier.spanStart(i), "one thread at a time on " + carrier.name());
                }
            }
        }
    }

    @Test
    void batchedRunsNameTheVirtualThreadOfEveryCarrierIntervalWithoutCarrierTraces() throws Exception {
        Path recording = SampleRecordings.starvedWithBatchedRuns();
        Timeline timeline = SampleRecordings.timeline(recording);
        assertEquals(Set.of("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2"),
                timeline.carrierLanes().stream().map(Lane::name).collect(Collectors.toSet()));
        Map<String, Long> onCarriers = new HashMap<>();
        for (Lane carrier : timeline.carrierLanes()) {
            for (int i = 0; i < carrier.spanCount(); i++) {
                assertTrue(carrier.spanLink(i) >= 0, "each busy interval names its virtual thread");
                onCarriers.merge(timeline.lane(carrier.spanLink(i)).name(), carrier.spanEnd(i) - carrier.spanStart(i), Long::sum);
            }
        }
        // The sample spins each hog for 2 s on a scheduler of two carriers: they held them most of that.
        for (String hog : List.of("hog-0", "hog-1")) {
            assertTrue(onCarriers.getOrDefault(hog, 0L) > 1_000_000_000L, hog + " on a carrier: " + onCarriers.get(hog));
        }
        for (Lane ticker : timeline.lanes()) {
            if (ticker.name().startsWith("ticker-")) {
                long runs = java.util.stream.IntStream.range(0, ticker.spanCount())
                        .filter(i -> ticker.spanState(i) == ThreadState.RUNNING && ticker.spanLink(i) >= 0).count();
                assertTrue(runs >= 50, ticker.name() + " woke 100 times, each on a named carrier: " + runs);
            }
        }
        assertEquals(0, carrierTraces(recording), "the agent's runs replace the runContinuation method traces");
        assertEquals(0, runsCommittedOnCarriers(recording),
                "nothing is committed on a carrier between its virtual threads: JFR's writer is not ready for it there");
    }

    private static long runsCommittedOnCarriers(Path recording) throws java.io.IOException {
        long onCarriers = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals("loomscope.CarrierRuns") && e.getThread() != null
                        && e.getThread().getJavaName().startsWith("ForkJoinPool-")) {
                    onCarriers++;
                }
            }
        }
        return onCarriers;
    }

    private static long carrierTraces(Path recording) throws java.io.IOException {
        long traces = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals("jdk.MethodTrace")
                        && "runContinuation".equals(e.<RecordedMethod>getValue("method").getName())) {
                    traces++;
                }
            }
        }
        return traces;
    }

    @Test
    void theStarvedTickersWaitFarLongerForACarrierThanTheCalmOnes() {
        // Event by event (level=full), and from the batched runs, which say how long each run's
        // thread waited for its carrier (level=runs, what record gives by default).
        for (Path recording : List.of(SampleRecordings.starvedWithAgent(), SampleRecordings.starvedWithBatchedRuns())) {
            Timeline timeline = SampleRecordings.timeline(recording);
            long calm = runnable(timeline, "ticker-calm-");
            long starved = runnable(timeline, "ticker-starved-");
            assertTrue(calm > 0, recording.getFileName() + ": the calm tickers wait a little too");
            assertTrue(starved > 10 * calm, recording.getFileName() + ": starved " + starved / 1e6 + " ms vs calm "
                    + calm / 1e6 + " ms");
            // Each of the 8 calm tickers, not 1 in 16: their 5 ms sleeps are below the sleep events'
            // threshold, so only the runs can say they waited for a carrier (the starved ones' long
            // sleeps say it too).
            for (int i = 0; i < 8; i++) {
                String ticker = "ticker-calm-" + i;
                assertTrue(runnable(timeline, ticker) > 0, recording.getFileName() + ": " + ticker + " waited for a carrier");
            }
        }
    }

    /**
     * Who made each thread runnable, from the agent's runs: in the pipeline (a slow sink), the
     * transforms wait to put into the sink's full queue, so the sink's takes wake them; the sources
     * wait to put into the transforms' full queue, so the transforms wake them. Thread starts are
     * main's; now and then a thread is woken by one of its own kind through the queue's lock, or a
     * transform by a source when its input ran empty: never by a thread outside the program.
     */
    @Test
    void withTheFullAgentEachWaitForACarrierSaysWhoWokeTheThread() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.pipelineWithAgent());
        Map<String, Long> sources = wakers(timeline, "pipeline-source-");
        Map<String, Long> transforms = wakers(timeline, "pipeline-transform-");

        assertTrue(sources.getOrDefault("pipeline-transform-", 0L) >= 0.9 * total(sources), sources.toString());
        assertTrue(PIPELINE.containsAll(sources.keySet()), sources.toString());
        assertTrue(transforms.getOrDefault("pipeline-sink", 0L) >= 0.9 * total(transforms), transforms.toString());
        assertTrue(PIPELINE.containsAll(transforms.keySet()), transforms.toString());
    }

    /** The pipeline sample's threads, by name without the number. */
    private static final Set<String> PIPELINE = Set.of("pipeline-source-", "pipeline-transform-", "pipeline-sink", "main");

    /** The wakers of the RUNNABLE spans of the threads named {@code prefix}N, by name without the number. */
    private static Map<String, Long> wakers(Timeline timeline, String prefix) {
        Map<String, Long> by = new HashMap<>();
        for (Lane lane : timeline.lanes()) {
            if (lane.name().startsWith(prefix)) {
                for (int i = 0; i < lane.spanCount(); i++) {
                    if (lane.spanState(i) == ThreadState.RUNNABLE && lane.spanLink(i) >= 0) {
                        by.merge(timeline.lane(lane.spanLink(i)).name().replaceAll("[0-9]+$", ""), 1L, Long::sum);
                    }
                }
            }
        }
        assertTrue(total(by) >= 50, prefix + " threads were woken many times: " + by);
        return by;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void unknownJdkInternalsDisableTheAgentAndTheProgramRunsTheSame(@TempDir Path dir) throws Exception {
        List<String> program = List.of("-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.pipeline.Pipeline", "--items", "200", "--sink-millis", "1");
        ProgramRecorder.Result plain = ProgramRecorder.record(program, dir.resolve("plain.jfr"), Duration.ofSeconds(60));
        List<String> withAgent = new ArrayList<>(List.of("-javaagent:" + SampleRecordings.agentJar() + "=simulateMissing=mount"));
        withAgent.addAll(program);
        ProgramRecorder.Result agent = ProgramRecorder.record(withAgent, dir.resolve("agent.jfr"), Duration.ofSeconds(60));

        assertEquals(0, agent.exitCode());
        assertEquals(lastLine(plain.output()), lastLine(agent.output()), "same output with the agent");
        Timeline timeline = RecordingLoader.load(agent.recording(), LoadMonitor.NONE);
        String warnings = String.join(" ", timeline.info().warningTexts());
        assertTrue(warnings.contains("agent was loaded but disabled: unknown JDK internals: missing VirtualThread.mount"), warnings);
        assertEquals(0L, timeline.info().eventCounts().getOrDefault("loomscope.CarrierRuns", 0L));
    }

    @Test
    void channelsAndFuturesCanBeTurnedOffAndAFailingHookDisablesOnlyTheAgent(@TempDir Path dir) throws Exception {
        List<String> program = List.of("-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.futures.Futures", "--linger-millis", "200");
        ProgramRecorder.Result plain = ProgramRecorder.record(program, dir.resolve("plain.jfr"), Duration.ofSeconds(60));

        Timeline off = recordWithAgent(program, "level=full,channels=off,futures=off", dir.resolve("off.jfr"), plain);
        assertEquals(0L, off.info().eventCounts().getOrDefault("loomscope.FutureCreated", 0L));
        assertEquals(0L, off.info().eventCounts().getOrDefault("loomscope.ChannelOp", 0L));
        assertTrue(off.info().eventCounts().getOrDefault("loomscope.CarrierRuns", 0L) > 0, "the runs stay on");

        Timeline failed = recordWithAgent(program, "level=full,testFailAfter=40", dir.resolve("failed.jfr"), plain);
        String warnings = String.join(" ", failed.info().warningTexts());
        assertTrue(warnings.contains("agent was loaded but disabled: internal error"), warnings);
    }

    @Test
    void aClassOfALoaderThatCannotSeeTheHooksIsLeftAsItIs(@TempDir Path dir) throws Exception {
        List<String> program = List.of("-cp", System.getProperty("java.class.path"),
                IsolatedFuturesProgram.class.getName());
        ProgramRecorder.Result plain = ProgramRecorder.record(program, dir.resolve("plain.jfr"), Duration.ofSeconds(60));
        assertEquals("answer 42", lastLine(plain.output()));

        Timeline full = recordWithAgent(program, "level=full", dir.resolve("full.jfr"), plain);
        Map<String, Long> counts = full.info().eventCounts();
        assertEquals(0L, counts.getOrDefault("loomscope.FutureCreatedAtSite", 0L), "no site in the isolated class");
        assertTrue(counts.getOrDefault("loomscope.FutureCreated", 0L) >= 3, "its three futures take stacks: " + counts);
        String warnings = String.join(" ", full.info().warningTexts());
        assertTrue(!warnings.contains("disabled"), warnings);
    }

    /** Records {@code program} with the agent and {@code options}; its output must be the plain run's. */
    private static Timeline recordWithAgent(List<String> program, String options, Path file, ProgramRecorder.Result plain)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("-javaagent:" + SampleRecordings.agentJar() + "=" + options));
        command.addAll(program);
        ProgramRecorder.Result run = ProgramRecorder.record(command, file, Duration.ofSeconds(60));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(lastLine(plain.output()), lastLine(run.output()), "same output with the agent (" + options + ")");
        return RecordingLoader.load(run.recording(), LoadMonitor.NONE);
    }

    @Test
    void aJvmThatRefusesAgentsIsRecordedWithJfrAloneAndSaysSo() throws Exception {
        try (ChildJvm child = ChildJvm.startWith(List.of("-XX:-EnableDynamicAgentLoading"),
                "dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            LiveSession session = attachWithAgent(child, "level=runs");
            try {
                assertTrue(session.settingsUsed().contains("the agent was refused"), session.settingsUsed());
                assertTrue(eventually(session, timeline -> !timeline.carrierLanes().isEmpty()),
                        "the carriers' busy intervals come from JFR's method traces instead");
            } finally {
                session.close();
            }
        }
    }

    @Test
    void theAgentInjectedIntoARunningJvmGivesExactCarriers() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            LiveSession session = attachWithAgent(child, "level=full");
            try {
                assertTrue(eventually(session, timeline -> timeline.info().has("loomscope.CarrierRuns") && timeline.lanes().stream()
                                .filter(l -> l.name().startsWith("pipeline-source-"))
                                .anyMatch(l -> java.util.stream.IntStream.range(0, l.spanCount())
                                        .anyMatch(i -> l.spanState(i) == ThreadState.RUNNING && l.spanLink(i) >= 0))),
                        "the injected agent's mounts give the sources carriers");
                assertTrue(child.process().isAlive());
            } finally {
                session.close();
            }
        }
    }

    /**
     * Attached, the agent meets CompletableFuture already loaded: it cannot add its id fields, and
     * keeps the ids in its weak map instead (the service made futures from its start, so the class
     * was loaded). The futures must come out whole: the service's two supplyAsync calls feed each
     * request's thenCombine. The service's own class, loaded before the attach too, is rewritten
     * after it: its futures and parks name their call sites.
     */
    @Test
    void attachedTheFuturesKeepTheirIdsInTheMapAndComeOutWhole() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.healthy.Healthy", "--seconds", "120")) {
            LiveSession session = attachWithAgent(child, "level=full");
            try {
                assertTrue(eventually(session, timeline -> hasChains(timeline.futures(), 20)),
                        "the service's future chains, attached");
                // Its classes were loaded before the attach: rewritten after it, so its futures
                // and parks are placed at the calls that made them, not by stacks.
                assertTrue(eventually(session, timeline -> FutureSites.placed(timeline, "dev.loomscope.samples")
                                && ParkSites.placed(timeline, "dev.loomscope.samples")),
                        "the futures and parks of classes loaded before the attach, at their call sites: "
                                + session.timeline().info().eventCounts());
                assertTrue(session.timeline().info().agent().detail().startsWith("attach"),
                        session.timeline().info().agent().detail());
            } finally {
                session.close();
            }
        }
    }

    /** At least {@code n} thenCombine futures with both their supplyAsync sources. */
    private static boolean hasChains(FutureGraph graph, int n) {
        int[] sources = new int[graph.size()];
        for (int e = 0; e < graph.edgeCount(); e++) {
            if (graph.kind(graph.edgeFrom(e)).equals("supplyAsync") && graph.edgeKind(e).equals("thenCombine")) {
                sources[graph.edgeTo(e)]++;
            }
        }
        int whole = 0;
        for (int f = 0; f < graph.size(); f++) {
            if (sources[f] == 2 && graph.kind(f).equals("thenCombine")) {
                whole++;
            }
        }
        return whole >= n;
    }

    private static LiveSession attachWithAgent(ChildJvm child, String options) throws Exception {
        return LiveSession.start(TargetJvm.attach(child.pid()),
                LiveOptions.DEFAULT.withAgent(SampleRecordings.agentJar(), options), new LiveSession.Listener() {
                    @Override
                    public void updated(LiveSession s) {
                    }

                    @Override
                    public void stateChanged(LiveSession s, LiveSession.State state, String reason) {
                    }
                });
    }

    /** Whether the session's timeline meets {@code condition} within 30 s (checked under its read lock). */
    private static boolean eventually(LiveSession session, java.util.function.Predicate<Timeline> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Timeline timeline = session.timeline();
            timeline.readLock().lock();
            try {
                if (condition.test(timeline)) {
                    return true;
                }
            } finally {
                timeline.readLock().unlock();
            }
        }
        return false;
    }

    private static long runnable(Timeline timeline, String prefix) {
        long total = 0;
        for (Lane lane : timeline.lanes()) {
            if (lane.name().startsWith(prefix)) {
                for (int i = 0; i < lane.spanCount(); i++) {
                    if (lane.spanState(i) == ThreadState.RUNNABLE) {
                        total += lane.spanEnd(i) - lane.spanStart(i);
                    }
                }
            }
        }
        return total;
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.startsWith("[")).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }
}
