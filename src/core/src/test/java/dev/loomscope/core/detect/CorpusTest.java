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
     * end, so that time is unknown, never running. The dump at the chunk end was once taken as
     * their last event, which drew them running for the 3 s they were deadlocked.
     */
    @Test
    void threadsStuckUntilTheDumpAtTheEndAreNeverDrawnRunningBeforeIt() {
        Timeline timeline = SampleRecordings.load(
                SampleRecordings.corpus("MonitorDeadlock", Capture.LOOMSCOPE));
        Finding deadlock = only("deadlock", Analysis.run(timeline, Map.of(), Detectors.builtIn()));
        long end = timeline.durationNanos();
        for (int id : deadlock.lanes()) {
            Lane lane = timeline.lane(id);
            assertTrue(end - lane.lastSeen() >= 2_000_000_000L, lane.name() + "'s last event is its own, seconds before "
                    + "the end, not the dump's: " + lane.lastSeen() + " of " + end);
            long[] totals = new long[ThreadState.values().length];
            lane.addStateTotals(lane.lastSeen(), end, totals);
            assertEquals(0, totals[ThreadState.RUNNING.code()], lane.name() + " drawn running after its last event");
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
