package dev.loomscope.core.detect;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import dev.loomscope.core.testing.SampleRecordings.Capture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures a user reported on programs written outside this repository, each on the corpus
 * program of the same class (sample-apps/corpus, ground truth in its truth files): what must hold
 * in every build. The whole corpus under all three captures is {@code ./loomscope bench corpus}.
 */
class CorpusTest {

    @Test
    void aMutualPutBrokenByAWatchdogWasADeadlockNotBackpressure() {
        Analysis.Result result = analyze("ChannelDeadlockVirtual", Capture.AGENT_FULL);
        Finding deadlock = only("deadlock", result);
        assertTrue(deadlock.threads().containsAll(List.of("swap-a", "swap-b")), deadlock.threads().toString());
        // The watchdog interrupts 3 s after it starts; the pair is stuck within moments of starting,
        // later on a slow machine: most of the 3 s, not all of it.
        assertTrue((long) deadlock.details().get("heldNanos") >= 1_500_000_000L, "held until the watchdog: " + deadlock);
        assertTrue((long) deadlock.details().get("brokenAtNanos") > 0, "and it says what broke it: " + deadlock.message());
        assertEquals(List.of(), of("backpressure", result));
    }

    @Test
    void withTheJdksSettingsTwoPlatformThreadsStuckPuttingAreADeadlockToo() {
        Analysis.Result result = analyze("ChannelDeadlockPlatform", Capture.JDK_PROFILE);
        Finding deadlock = only("deadlock", result);
        assertTrue(deadlock.threads().containsAll(List.of("relay-left", "relay-right")), deadlock.threads().toString());
        assertEquals(List.of(), of("backpressure", result));
    }

    /**
     * Two platform threads take two locks in opposite orders; tryLock with a 3 s timeout ends it.
     * The JDK's park events name each lock's object, so the two waits are on two different locks.
     */
    @Test
    void aLockOrderDeadlockEndedByTimeoutsIsADeadlockFromTheJdksOwnEvents() {
        Finding deadlock = only("deadlock", analyze("LockOrderDeadlock", Capture.JDK_PROFILE));
        assertTrue(deadlock.threads().containsAll(List.of("transfer-1", "transfer-2")), deadlock.threads().toString());
        assertTrue(deadlock.message().contains("ReentrantLock"), deadlock.message());
    }

    /**
     * A program that exits while two platform threads are stuck in a monitor deadlock leaves no
     * monitor event (JFR writes one when the monitor is entered); the thread dump Loomscope's
     * settings take at the chunk end shows who holds what.
     */
    @Test
    void aMonitorDeadlockStillHeldAtExitIsFoundFromTheDumpAtTheEnd() {
        Analysis.Result result = analyze("MonitorDeadlock", Capture.LOOMSCOPE);
        Finding deadlock = only("deadlock", result);
        assertEquals(java.util.Set.of("ledger-writer", "audit-writer"), java.util.Set.copyOf(deadlock.threads()));
        assertEquals(Severity.CRITICAL, deadlock.severity());
        assertEquals(List.of(), of("leak", result), "the two are deadlocked, not leaked");
    }

    /**
     * The same recording drawn: nothing recorded the two threads from their last event until the
     * end, so that time is unknown (or, where the dump at exit falls inside the recording, the
     * dumped state, inferred), never running. The dump at the chunk end was once taken as their
     * last event, which drew them running for the 3 s they were deadlocked.
     */
    @Test
    void threadsStuckUntilTheDumpAtTheEndAreNeverDrawnRunningBeforeIt() {
        Timeline timeline = SampleRecordings.load(
                SampleRecordings.corpus("MonitorDeadlock", Capture.LOOMSCOPE));
        Finding deadlock = only("deadlock", Analysis.run(timeline, Map.of(), Detectors.builtIn()));
        long end = timeline.durationNanos();
        for (int id : deadlock.lanes()) {
            Lane lane = timeline.lane(id);
            // The program deadlocks at once and exits 3 s later (sample-apps/corpus MonitorDeadlock).
            long deadlocked = end - 2_000_000_000L;
            long[] totals = new long[ThreadState.values().length];
            lane.addStateTotals(deadlocked, end, totals);
            assertEquals(0, totals[ThreadState.RUNNING.code()], lane.name() + " drawn running while deadlocked");
            assertTrue(lane.stateAt(deadlocked) != ThreadState.RUNNING, lane.name() + " drawn running while deadlocked");
        }
    }

    /** Virtual threads blocked on monitors (JDK 24+ unmounts them): the agent's unmount says so. */
    @Test
    void virtualThreadsInAMonitorDeadlockAreDeadlockedNotLeaked() {
        Analysis.Result result = analyze("VirtualMonitorDeadlock", Capture.AGENT_FULL);
        Finding deadlock = only("deadlock", result);
        assertEquals(java.util.Set.of("cache-refresher", "cache-evictor"), java.util.Set.copyOf(deadlock.threads()));
        assertEquals(List.of(), of("leak", result));
    }

    @Test
    void platformThreadsLeftWaitingOnALatchAtExitAreALeak() {
        Finding leak = only("leak", analyze("LatchLeak", Capture.LOOMSCOPE));
        assertTrue(leak.threads().stream().allMatch(t -> t.startsWith("loader-")), leak.threads().toString());
        assertTrue(leak.message().contains("CountDownLatch") || leak.site().contains("LatchLeak"), leak.toString());
    }

    /**
     * Ten publishers blocked in one queue's transfer, its consumer never started: with the default
     * capture the agent's dump at exit says where each waits, and on the same object, so one site
     * of senders is no relay cycle: a leak, not a deadlock, and no backpressure either.
     */
    @Test
    void sendersAllBlockedOnOneQueueAtExitAreALeakNotADeadlock() {
        Analysis.Result result = analyze("TransferQueueLeak", Capture.LOOMSCOPE);
        Finding leak = only("leak", result);
        assertTrue(leak.threads().stream().allMatch(t -> t.startsWith("publisher-")), leak.threads().toString());
        assertEquals(List.of(), of("deadlock", result));
        assertEquals(List.of(), of("backpressure", result), "a send that never went through met no pace");
    }

    @Test
    void virtualThreadsBlockedForeverInAcquireAreALeakAtTheProgramsSiteNotAnotherThreads() {
        // Recorded as loomscope record does by default: the agent's runs say each request-N parked,
        // no BlockBegin says where. The corpus run of the runs agent once named a JFR thread's
        // monitor site here (stack id 0, taken as "no site").
        // A thread that some event caught at the blocking line is reported apart from those no event
        // places: together they are the 20, and no site is anybody else's.
        List<Finding> leaks = of("leak", analyze("SemaphoreLeak", Capture.LOOMSCOPE));
        java.util.Set<String> leaked = new java.util.HashSet<>();
        for (Finding leak : leaks) {
            assertTrue(leak.threads().stream().allMatch(t -> t.startsWith("request-")), leak.threads().toString());
            assertTrue(leak.site().isEmpty() || leak.site().contains("SemaphoreLeak"), leak.toString());
            leaked.addAll(leak.threads());
        }
        assertEquals(20, leaked.size(), leaks.toString());
    }

    @Test
    void aFailureOnlyAskedAboutWithIsCompletedExceptionallyIsUnobserved() {
        Finding unobserved = only("unobserved-failure", analyze("UnobservedThenApply", Capture.AGENT_FULL));
        assertTrue(unobserved.severity().compareTo(Severity.MEDIUM) >= 0);
    }

    /**
     * The default capture reports only failures nothing was attached to take, and who reads them
     * later: enough for a failure lost at the end of a chain, thrown in the program's code.
     */
    @Test
    void withTheDefaultCaptureAFailureAtTheEndOfAChainIsUnobservedWhereItWasThrown() {
        Finding unobserved = only("unobserved-failure", analyze("UnobservedThenApply", Capture.LOOMSCOPE));
        assertTrue(unobserved.site().contains("UnobservedThenApply.parseRecords"), unobserved.toString());
        assertTrue(unobserved.threads().stream().allMatch(t -> t.startsWith("importer-")), unobserved.toString());
    }

    /**
     * The allOf trap with the default capture: the second failure behind an allOf is lost, the
     * first reaches main's join. A healthy fan-out whose allOf drops failures that are each read
     * later with join is clean: the verdict is the exception's, wherever it was read.
     */
    @Test
    void withTheDefaultCaptureTheSecondFailureBehindAnAllOfIsLostAndOnesReadLaterAreNot() {
        Finding unobserved = only("unobserved-failure", analyze("UnobservedAllOf", Capture.LOOMSCOPE));
        assertEquals("java.io.UncheckedIOException", unobserved.details().get("exception"), unobserved.toString());
        assertTrue(unobserved.threads().stream().allMatch(t -> t.startsWith("publisher-")), unobserved.toString());
        assertEquals(List.of(), of("unobserved-failure", analyze("HealthyFanOut", Capture.LOOMSCOPE)));
    }

    /** Cancelled prefetches are a stop the program chose, under either capture; the composed failures are lost. */
    @Test
    void cancelledFuturesAreNoUnobservedFailuresButComposedFailuresAre() {
        for (Capture capture : List.of(Capture.LOOMSCOPE, Capture.AGENT_FULL)) {
            Finding unobserved = only("unobserved-failure", analyze("UnobservedThenCompose", capture));
            assertEquals("java.lang.IllegalStateException", unobserved.details().get("exception"), capture + ": " + unobserved);
            assertTrue(unobserved.threads().stream().allMatch(t -> t.startsWith("avatar-")), capture + ": " + unobserved);
        }
    }

    @Test
    void everyWaiterOnAFutureNobodyCompletesIsNamedPlatformToo() {
        Finding never = only("never-completed", analyze("NeverCompletedFuture", Capture.AGENT_FULL));
        assertTrue(never.threads().containsAll(List.of("vt-awaiter", "pt-awaiter")), never.threads().toString());
    }

    /**
     * As {@code loomscope record} captures by default: the virtual waiter's park is explained by the
     * agent's dump at exit, the platform one is in the recording's dump at the last chunk end.
     */
    @Test
    void withTheDefaultCaptureBothWaitersOnAFutureNobodyCompletesAreNamed() {
        Finding never = only("never-completed", analyze("NeverCompletedFuture", Capture.LOOMSCOPE));
        assertTrue(never.threads().containsAll(List.of("vt-awaiter", "pt-awaiter")), never.threads().toString());
        assertTrue(never.site().contains("NeverCompletedFuture"), never.toString());
    }

    @Test
    void withLoomscopesSettingsStarvationNamesTheHoldersAndTheLateOnes() {
        Finding starvation = only("starvation", analyze("CpuHogStarvation", Capture.LOOMSCOPE));
        assertTrue(starvation.threads().stream().anyMatch(t -> t.startsWith("crunch-")), starvation.threads().toString());
        assertTrue(starvation.threads().stream().anyMatch(t -> t.startsWith("heartbeat-")), starvation.threads().toString());
    }

    @Test
    void aHealthyServiceUnderLoadWithTheFullAgentHasNothingAtMediumOrAbove() {
        Analysis.Result result = analyze("HealthyRequestResponse", Capture.AGENT_FULL);
        assertEquals(List.of(), result.findings().stream().filter(f -> f.severity().compareTo(Severity.MEDIUM) >= 0)
                .map(f -> f.severity() + ": " + f.message()).toList());
    }

    /**
     * Idle workers of two pools, each on its own work queue, all waiting while main sleeps: the
     * agent names two queues nobody in the group ever sent to. Taken as a stall, that was a
     * critical deadlock; their releaser is the submitter, outside the group.
     */
    @Test
    void poolsLeftIdleAtExitAreNeitherDeadlockedNorLeaked() {
        for (Capture capture : Capture.values()) {
            Analysis.Result result = analyze("HealthyIdlePools", capture);
            assertEquals(List.of(), result.findings().stream().filter(f -> f.severity().compareTo(Severity.MEDIUM) >= 0)
                    .map(f -> f.severity() + ": " + f.message()).toList(), capture.name());
        }
    }

    /**
     * Failures a thenCompose returned as failedFuture, read by a caller already waiting in join
     * when the composed future failed: read, though no hook saw the read at the join's entry.
     */
    @Test
    void failuresComposedInAndReadByAWaitingCallerAreObserved() {
        for (Capture capture : Capture.values()) {
            assertEquals(List.of(), of("unobserved-failure", analyze("HealthyComposedFailures", capture)), capture.name());
        }
    }

    /**
     * The audit queue's writer starts once the queue is full and never waits for input; a pool
     * beside it idles on its own queue. Without the agent the writer's takes leave no event, so
     * the consumer is not known; it is never the idle pool (which a rule of "the least blocked
     * group that ever waited to receive" named).
     */
    @Test
    void backpressureNamesTheQueuesOwnConsumerOrNoneNeverAnIdlePool() {
        for (Capture capture : Capture.values()) {
            Finding backpressure = only("backpressure", analyze("BackpressureBesideIdlePool", capture));
            Object consumer = backpressure.details().get("slowestConsumer");
            assertTrue(consumer == null || consumer.equals("audit-writer"), capture + ": " + backpressure.message());
            assertTrue(backpressure.threads().stream().noneMatch(t -> t.startsWith("db-")), capture + ": " + backpressure.threads());
            if (capture == Capture.AGENT_FULL) {
                assertEquals("audit-writer", consumer, "the agent knows who took from the queue: " + backpressure.message());
            }
        }
    }

    private static Analysis.Result analyze(String program, Capture capture) {
        Analysis.Result result = Analysis.run(SampleRecordings.load(SampleRecordings.corpus(program, capture)), Map.of(),
                Detectors.builtIn());
        assertEquals(List.of(), result.failures());
        return result;
    }

    private static List<Finding> of(String kind, Analysis.Result result) {
        return result.findings().stream().filter(f -> f.kind().equals(kind) && f.severity().compareTo(Severity.MEDIUM) >= 0)
                .toList();
    }

    private static Finding only(String kind, Analysis.Result result) {
        List<Finding> found = of(kind, result);
        assertEquals(1, found.size(), kind + " findings: " + result.findings());
        return found.getFirst();
    }
}
