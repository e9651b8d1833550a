package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What real recordings of swamped and starved schedulers are drawn as, against what the programs
 * did on purpose: a sleep is what it asked for, the rest of it is a wait for a carrier, and
 * without the agent no virtual thread is ever drawn running.
 */
class TruthfulStatesTest {
    private static final long MS = 1_000_000L;

    @Test
    void starvedSleepersSleepTenMillisecondsAndWaitSecondsForACarrier() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.carrierStarvationWithJdkProfile());
        List<Lane> sleepers = lanes(timeline, "sleeper-");
        assertEquals(4, sleepers.size());
        for (Lane sleeper : sleepers) {
            assertTrue(longest(sleeper, ThreadState.SLEEPING) <= 10 * MS, sleeper.name() + " slept longer than it asked");
            // Each wave of hogs holds both carriers for 1.5 s: a sleeper waits through at least one.
            assertTrue(total(sleeper, ThreadState.RUNNABLE) >= 1_000 * MS,
                    sleeper.name() + " waited only " + total(sleeper, ThreadState.RUNNABLE) / MS + " ms for a carrier");
        }
        assertNoVirtualThreadRunning(timeline);
    }

    @Test
    void aSwampedSchedulersShortSleepsAreShortAndTheirWaitIsRunnable() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.manyThreadsWithJdkProfile());
        List<Lane> generators = lanes(timeline, "gen-");
        assertTrue(generators.size() > SampleRecordings.MANY_THREADS / 2, "JFR may lose some, not most: " + generators.size());
        long sleeping = 0;
        long runnable = 0;
        for (Lane gen : generators) {
            sleeping += total(gen, ThreadState.SLEEPING);
            runnable += total(gen, ThreadState.RUNNABLE);
        }
        assertTrue(sleeping <= generators.size() * 100_000L, "each asked for 0.1 ms: " + sleeping);
        assertTrue(runnable > 10 * sleeping, "the wait for a carrier is the story: " + runnable + " vs " + sleeping);
        assertNoVirtualThreadRunning(timeline);
    }

    @Test
    void withLoomscopesSettingsTheStarvedTickersWaitLongerThanTheCalmOnes() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.starved());
        long calm = 0;
        long starved = 0;
        for (Lane ticker : lanes(timeline, "ticker-")) {
            assertTrue(longest(ticker, ThreadState.SLEEPING) <= 5 * MS, ticker.name() + " slept longer than 5 ms");
            if (ticker.name().startsWith("ticker-calm-")) {
                calm += total(ticker, ThreadState.RUNNABLE);
            } else {
                starved += total(ticker, ThreadState.RUNNABLE);
            }
        }
        assertTrue(starved > 5 * calm, "starved " + starved / MS + " ms vs calm " + calm / MS + " ms");
        assertNoVirtualThreadRunning(timeline);
    }

    /**
     * A pool half idle in waits of 1-2 ms (corpus HealthyBusyPool), fed by a thread that sleeps
     * 1 ms between tasks: under the JDK's settings none of those waits leaves an event, and nothing
     * the recording holds says the threads were on a CPU. Their time is not drawn running.
     */
    @Test
    void platformThreadsInWaitsTooShortToRecordAreNotDrawnRunning() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.corpus("HealthyBusyPool", SampleRecordings.Capture.JDK_PROFILE));
        List<Lane> threads = new ArrayList<>(lanes(timeline, "orders-db-"));
        threads.addAll(lanes(timeline, "intake"));
        assertEquals(5, threads.size(), threads.toString());
        for (Lane lane : threads) {
            assertEquals(0, total(lane, ThreadState.RUNNING), lane.name() + " drawn running");
            assertTrue(total(lane, ThreadState.RUNNING_OR_BRIEFLY_BLOCKED) >= 1_000 * MS,
                    lane.name() + ": its 3 s are running or in short waits, as far as the recording tells");
        }
    }

    private static void assertNoVirtualThreadRunning(Timeline timeline) {
        for (Lane lane : timeline.lanes()) {
            if (lane.isVirtual()) {
                assertEquals(0, total(lane, ThreadState.RUNNING), lane.name() + " is drawn running without the agent");
                assertFalse(lane.gapState() == ThreadState.RUNNING);
            }
        }
    }

    private static List<Lane> lanes(Timeline timeline, String prefix) {
        return timeline.lanes().stream().filter(l -> l.name().startsWith(prefix)).toList();
    }

    private static long total(Lane lane, ThreadState state) {
        long[] totals = new long[ThreadState.count()];
        lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
        return totals[state.code()];
    }

    private static long longest(Lane lane, ThreadState state) {
        long longest = 0;
        for (int i = 0; i < lane.spanCount(); i++) {
            if (lane.spanState(i) == state) {
                longest = Math.max(longest, lane.spanEnd(i) - lane.spanStart(i));
            }
        }
        return longest;
    }
}
