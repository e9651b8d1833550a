package dev.loomscope.core.detect;

import dev.loomscope.core.live.LiveOptions;
import dev.loomscope.core.live.LiveSession;
import dev.loomscope.core.live.TargetJvm;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.ChildJvm;
import dev.loomscope.core.testing.SampleRecordings;
import dev.loomscope.core.threaddump.ThreadDumpFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every built-in detector against the sample app that causes its pathology on purpose, and all of
 * them against the healthy sample, which must give nothing: false positives are bugs.
 */
class DetectorsTest {
    private static final List<Detector> DETECTORS = Detectors.builtIn();

    @Test
    void allBuiltInDetectorsAreFoundThroughTheSpi() {
        Set<String> ids = DETECTORS.stream().map(d -> d.info().id()).collect(Collectors.toSet());
        assertEquals(Set.of("leak", "starvation", "pinning", "pool-starvation", "deadlock", "never-completed",
                "backpressure", "unobserved-failure"), ids);
    }

    /**
     * A healthy service has nothing at medium or above. What may remain below is information, such
     * as the JDK loading a class on first use while a virtual thread held its carrier (seen: one
     * 29 to 50 ms pin in {@code ClassLoader.loadClass}, depending on the machine's speed).
     */
    @Test
    void theHealthyServiceUnderLoadHasNoFindings() {
        Analysis.Result result = analyze(SampleRecordings.timeline(SampleRecordings.healthy()));
        assertEquals(List.of(), result.failures());
        assertEquals(List.of(), significant(result));
    }

    @Test
    void theHealthyServiceRecordedWithTheAgentHasNoFindingsEither() {
        Analysis.Result result = analyze(SampleRecordings.timeline(SampleRecordings.healthyWithAgent()));
        assertEquals(List.of(), result.failures());
        assertEquals(List.of(), significant(result));
    }

    @Test
    void theLeakedOrphansAreOneFinding() {
        Finding leak = only("leak", analyze(SampleRecordings.leakyTimeline()));
        assertEquals(40, leak.threads().size());
        assertTrue(leak.threads().stream().allMatch(t -> t.startsWith("leaky-orphan-")), leak.threads().toString());
    }

    @Test
    void theDefaultCaptureSaysWhereTheOrphansWaitFromTheAgentsDumpAtExit() {
        Path recording = SampleRecordings.leakyWithBatchedRuns();
        assertTrue(Files.isRegularFile(ThreadDumpFile.besides(recording)), "the agent's exit dump, kept beside it");
        Finding leak = only("leak", analyze(SampleRecordings.timeline(recording)));
        assertEquals(40, leak.threads().size());
        assertEquals("BLOCKED_RECV", leak.details().get("state"), "the park, explained by the dump's SynchronousQueue.take");
        assertTrue(leak.site().startsWith("dev.loomscope.samples.leaky.Leaky.awaitOrder("), leak.site());
        assertTrue(leak.message().contains("blocked receiving from a queue in dev.loomscope.samples.leaky.Leaky.awaitOrder("),
                leak.message());
    }

    @Test
    void aRecordingMadeWithTheJdksProfileSettingsStillShowsTheLeak() {
        Analysis.Result result = analyze(SampleRecordings.timeline(SampleRecordings.leakyWithJdkProfile()));
        Finding leak = only("leak", result);
        assertEquals(40, leak.threads().size());
        assertTrue(leak.threads().stream().allMatch(t -> t.startsWith("leaky-orphan-")), leak.threads().toString());
        assertEquals(List.of("leak"), result.findings().stream().map(Finding::kind).toList(), "and nothing else");
    }

    @Test
    void withTheAgentAFileAloneSaysWhereTheLeakedThreadsWait() {
        Finding leak = only("leak", analyze(SampleRecordings.timeline(SampleRecordings.leakyWithAgent())));
        assertEquals(40, leak.threads().size());
        assertEquals(Severity.HIGH, leak.severity());
        assertEquals("BLOCKED_RECV", leak.details().get("state"));
        assertTrue(leak.site().startsWith("dev.loomscope.samples.leaky.Leaky.awaitOrder("), leak.site());
    }

    @Test
    void theAuditFailureAndTheOneHiddenBehindAllOfAreUnobservedFailures() {
        List<Finding> lost = of("unobserved-failure", analyze(SampleRecordings.timeline(SampleRecordings.futuresWithAgent())));
        assertEquals(Set.of("main", "settle"), lost.stream().map(f -> f.site().replaceAll(".*\\.([a-zA-Z]+)\\(.*", "$1"))
                .collect(Collectors.toSet()), lost.toString());
        for (Finding finding : lost) {
            assertTrue(finding.site().startsWith("dev.loomscope.samples.futures.Futures."), finding.site());
            assertEquals("java.lang.IllegalStateException", finding.details().get("exception"));
            assertEquals(1, finding.details().get("count"));
            assertEquals(1, finding.threads().size());
            assertTrue(finding.threads().getFirst().startsWith("futures-worker-"), "the thread whose task failed: " + finding.threads());
        }
    }

    @Test
    void theWaiterOnTheForgottenFutureNamesThatFuture() {
        Finding never = only("never-completed", analyze(SampleRecordings.timeline(SampleRecordings.futuresWithAgent())));
        assertEquals(List.of("futures-waiter"), never.threads());
        assertTrue(never.message().contains("(new #"), never.message());
        // Where the future was made: whoever should complete it starts there.
        assertTrue(never.site().startsWith("dev.loomscope.samples.futures.Futures.main("), never.site());
        assertEquals(Severity.HIGH, never.severity());
    }

    @Test
    void theHogsStarveTheCarriers() {
        Finding starvation = only("starvation", analyze(SampleRecordings.timeline(SampleRecordings.starved())));
        assertEquals(Set.of("hog-0", "hog-1"), Set.copyOf(holders(starvation)));
        // Victims come longest total wait first. The starved tickers wait behind a hog's 50 ms slice on
        // every tick; a calm one may wait 20 ms once on a loaded machine, never as long in all.
        List<String> tickers = starvation.threads().stream().filter(t -> t.startsWith("ticker-")).toList();
        assertTrue(tickers.size() >= 8 && tickers.subList(0, 8).stream().allMatch(t -> t.startsWith("ticker-starved-")),
                "the starved tickers waited longest: " + starvation.threads());
        assertTrue(starvation.severity().compareTo(Severity.MEDIUM) >= 0);
    }

    /**
     * With the JDK's own settings (no carrier events, no agent) the late 10 ms sleeps are the
     * victims and the execution samples name the CPU-bound threads that held the carriers.
     */
    @Test
    void withTheJdksSettingsStarvationNamesHoldersAndVictims() {
        Finding starvation = only("starvation", analyze(SampleRecordings.timeline(SampleRecordings.carrierStarvationWithJdkProfile())));
        assertTrue(holders(starvation).stream().allMatch(t -> t.startsWith("hog-")), starvation.toString());
        assertTrue(holders(starvation).size() >= 4, "most of the six hogs are sampled: " + holders(starvation));
        for (int i = 0; i < 4; i++) {
            assertTrue(starvation.threads().contains("sleeper-" + i), starvation.threads().toString());
        }
        assertTrue((long) starvation.details().get("longestWaitNanos") >= 1_000_000_000L, "a wave holds the carriers 1.5 s");
        assertEquals(Severity.HIGH, starvation.severity());
    }

    @Test
    void aSwampedSchedulerIsOverloadedWithNoSingleCulprit() {
        Finding starvation = only("starvation", analyze(SampleRecordings.timeline(SampleRecordings.manyThreadsWithJdkProfile())));
        assertEquals("overloaded scheduler", starvation.details().get("cause"), starvation.message());
        assertTrue(starvation.threads().stream().allMatch(t -> t.startsWith("gen-")), starvation.threads().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<String> holders(Finding finding) {
        return (List<String>) finding.details().get("holders");
    }

    @Test
    void blockingClassInitializersPinAtTheirSites() {
        List<Finding> pinning = of("pinning", analyze(SampleRecordings.timeline(SampleRecordings.pinning())));
        Set<String> sites = pinning.stream().map(Finding::site).collect(Collectors.toSet());
        assertTrue(sites.stream().anyMatch(s -> s.startsWith("dev.loomscope.samples.pinning.Pinning$Catalog.load(")), sites.toString());
        assertTrue(pinning.stream().flatMap(f -> f.threads().stream()).allMatch(t -> t.startsWith("pinning-worker-")));
        assertTrue(pinning.stream().filter(f -> f.site().contains("Catalog.load("))
                        .allMatch(f -> f.severity().compareTo(Severity.MEDIUM) >= 0),
                "a user's class initializer that blocks for its load time pins for real: " + pinning);
        assertTrue(of("starvation", analyze(SampleRecordings.timeline(SampleRecordings.pinning()))).isEmpty(),
                "a pinned carrier is reported as pinning, not as CPU-bound starvation");
    }

    @Test
    void everyPoolWorkerWaitingOnTheSamePoolIsPoolStarvation() {
        Finding starved = only("pool-starvation", analyze(SampleRecordings.timeline(SampleRecordings.poolStarve())));
        assertEquals(Set.of("poolstarve-worker-0", "poolstarve-worker-1", "poolstarve-worker-2", "poolstarve-worker-3"),
                Set.copyOf(starved.threads()));
        assertTrue(starved.site().startsWith("dev.loomscope.samples.poolstarve.PoolStarve.outer("), starved.site());
        assertTrue(starved.endNanos() - starved.startNanos() >= 1_500_000_000L, "about the 2 s the workers waited");
    }

    @Test
    void theFullQueuesNameTheSlowSink() {
        Finding backpressure = only("backpressure", analyze(SampleRecordings.pipelineTimeline()));
        assertEquals("pipeline-sink", backpressure.details().get("slowestConsumer"));
        assertTrue(backpressure.threads().containsAll(List.of("pipeline-source-0", "pipeline-transform-1", "pipeline-sink")));
        assertTrue(backpressure.site().startsWith("dev.loomscope.samples.pipeline.Pipeline.produce("), backpressure.site());
    }

    @Test
    void withTheFullAgentTheFullQueuesStillSayWhere() {
        Finding backpressure = only("backpressure", analyze(SampleRecordings.timeline(SampleRecordings.pipelineWithAgent())));
        assertTrue(backpressure.site().contains("dev.loomscope.samples.pipeline.Pipeline."), backpressure.site());
        assertTrue(backpressure.message().contains("mostly at "), backpressure.message());
    }

    @Test
    void aLiveSessionsClosingDumpShowsTheLockCycleAndWhereTheLeakWaits() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.deadlock.Deadlock", "--linger-millis", "60000")) {
            child.awaitOutput("locks held", java.time.Duration.ofSeconds(30));
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), LiveOptions.DEFAULT, new Quiet());
            try {
                Thread.sleep(1500);
                session.stop();
                Analysis.Result result = analyze(session.timeline());
                Finding deadlock = only("deadlock", result);
                assertEquals(Set.of("deadlock-lock-a", "deadlock-lock-b"), Set.copyOf(deadlock.threads()));
                assertEquals(Severity.CRITICAL, deadlock.severity());
                assertTrue(deadlock.site().startsWith("dev.loomscope.samples.deadlock.Deadlock.transfer("), deadlock.site());
            } finally {
                session.close();
            }
        }
    }

    @Test
    void withTheAgentAFileAloneShowsTheChannelCycle() {
        Analysis.Result result = analyze(SampleRecordings.timeline(SampleRecordings.deadlockWithAgent()));
        List<Finding> deadlocks = of("deadlock", result);
        Finding channels = deadlocks.stream().filter(f -> f.details().containsKey("channels")).findFirst().orElseThrow(
                () -> new AssertionError("no channel deadlock in " + result.findings()));
        assertEquals(Set.of("deadlock-left", "deadlock-right"), Set.copyOf(channels.threads()));
        assertEquals(Severity.CRITICAL, channels.severity());
        assertEquals(2, ((List<?>) channels.details().get("channels")).size());
        assertTrue(channels.message().contains("waits to receive from SynchronousQueue"), channels.message());
        assertTrue(channels.site().startsWith("dev.loomscope.samples.deadlock.Deadlock.left(")
                || channels.site().startsWith("dev.loomscope.samples.deadlock.Deadlock.right("), channels.site());
    }

    @Test
    void aDetectorThatThrowsIsLeftOutAndReportedTheOthersRun() {
        Detector broken = new Detector() {
            @Override
            public Info info() {
                return new Info("broken", "Broken", "always throws", List.of());
            }

            @Override
            public List<Finding> detect(DetectionContext context) {
                throw new IllegalStateException("boom");
            }
        };
        List<Detector> detectors = new java.util.ArrayList<>(DETECTORS);
        detectors.addFirst(broken);
        Analysis.Result result = Analysis.run(SampleRecordings.pipelineTimeline(), Map.of(), detectors);
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().getFirst().message().contains("boom"));
        assertEquals(1, of("backpressure", result).size(), "the other detectors still ran");
    }

    @Test
    void thresholdsChangeTheFindings() {
        Timeline leaky = SampleRecordings.leakyTimeline();
        assertEquals(1, of("leak", analyze(leaky)).size());
        Analysis.Result patient = Analysis.run(leaky, Map.of("leak.minStuckMs", 60_000.0, "leak.minStuckShare", 100.0),
                DETECTORS);
        assertEquals(0, of("leak", patient).size(), "stuck less than 100% of the recording is not a leak then");
    }

    private static Analysis.Result analyze(Timeline timeline) {
        Analysis.Result result = Analysis.run(timeline, Map.of(), DETECTORS);
        assertEquals(List.of(), result.failures());
        return result;
    }

    /** The messages of the findings at medium or above, with their severities. */
    private static List<String> significant(Analysis.Result result) {
        return result.findings().stream().filter(f -> f.severity().compareTo(Severity.MEDIUM) >= 0)
                .map(f -> f.severity() + ": " + f.message()).toList();
    }

    private static List<Finding> of(String kind, Analysis.Result result) {
        return result.findings().stream().filter(f -> f.kind().equals(kind)).toList();
    }

    private static Finding only(String kind, Analysis.Result result) {
        List<Finding> found = of(kind, result);
        assertEquals(1, found.size(), kind + " findings: " + result.findings());
        return found.getFirst();
    }

    private static final class Quiet implements LiveSession.Listener {
        @Override
        public void updated(LiveSession session) {
        }

        @Override
        public void stateChanged(LiveSession session, LiveSession.State state, String reason) {
        }
    }
}
