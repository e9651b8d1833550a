package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording of several chunks can be shown while it loads ({@link LoadMonitor#readUpTo}, at
 * each chunk end): what the growing timeline states as known before the settled part's end, the
 * loaded one states too. Only what it does not know yet (a thread's unknown tail: a wait still in
 * progress is committed when it ends) may be filled in later.
 */
class GrowingLoadTest {
    private static final int INSTANTS = 40;

    @Test
    void theAgentsBatchedRunsInSmallChunksAreShownChunkByChunkAndNoStateShownChanges() throws IOException {
        int compared = assertGrowsTruthfully(SampleRecordings.pipelineWithBatchedRunsInSmallChunks());
        assertTrue(compared > 100, "states compared: " + compared);
    }

    /** JFR alone: the carriers' busy intervals come from method traces, settled at each chunk end too. */
    @Test
    void jfrAloneInSmallChunksIsShownChunkByChunk() throws IOException {
        // Its chunks fill in well under the settling time: few instants, if any, are settled.
        assertGrowsTruthfully(SampleRecordings.pipelineInSmallChunks());
    }

    @Test
    void aGrowingLoadEndsAsTheFileStreamedAsALiveSession() throws IOException {
        StreamedAsLiveTest.assertSameTimeline(SampleRecordings.pipelineWithBatchedRunsInSmallChunks());
        StreamedAsLiveTest.assertSameTimeline(SampleRecordings.pipelineInSmallChunks());
    }

    /** Returns how many states shown while loading were compared with the loaded timeline's. */
    private static int assertGrowsTruthfully(Path file) throws IOException {
        List<Shown> shown = new ArrayList<>();
        Timeline[] growing = {null};
        Timeline loaded = RecordingLoader.load(file, new LoadMonitor() {
            @Override
            public void readUpTo(Timeline timeline, long end) {
                growing[0] = timeline;
                assertEquals(end, timeline.durationNanos(), "the growing timeline ends where it was read");
                shown.add(Shown.of(timeline, end));
            }
        });
        assertTrue(shown.size() >= 2, "several chunk ends passed: " + shown.size());
        assertSame(loaded, growing[0], "the timeline shown while loading is the one loaded");
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(shown.get(i).end > shown.get(i - 1).end, "each read-up-to moves on");
        }
        int compared = 0;
        for (Shown s : shown) {
            compared += s.assertKept(loaded);
        }
        return compared;
    }

    /** The states a growing timeline showed, at instants before its settled end, lane by lane. */
    private record Shown(long end, long[] instants, ThreadState[][] states) {
        static Shown of(Timeline timeline, long end) {
            long settled = end - EventInterpreter.SETTLE_NANOS;
            long[] instants = new long[Math.max(0, settled > 0 ? INSTANTS : 0)];
            for (int k = 0; k < instants.length; k++) {
                instants[k] = settled * k / INSTANTS;
            }
            ThreadState[][] states = new ThreadState[timeline.laneCount()][instants.length];
            for (Lane lane : timeline.lanes()) {
                for (int k = 0; k < instants.length; k++) {
                    states[lane.id()][k] = lane.stateAt(instants[k]);
                }
            }
            return new Shown(end, instants, states);
        }

        int assertKept(Timeline loaded) {
            int compared = 0;
            for (int id = 0; id < states.length; id++) {
                Lane lane = loaded.lane(id);
                for (int k = 0; k < instants.length; k++) {
                    ThreadState then = states[id][k];
                    ThreadState now = lane.stateAt(instants[k]);
                    if (then != ThreadState.UNKNOWN && !refined(then, now)) {
                        assertEquals(then, now, lane.displayName() + " at " + instants[k]
                                + ", shown when read up to " + end);
                        compared++;
                    }
                }
            }
            return compared;
        }

        /**
         * "Running or waiting for a carrier" says which is not known yet: a run is written when
         * its unmount is replayed, so a run going on across the settled end shows its thread in the
         * gap state until the next chunk end settles it (a run of the suite met one, 5 ms before that end).
         */
        private static boolean refined(ThreadState then, ThreadState now) {
            return then == ThreadState.RUNNING_OR_RUNNABLE
                    && (now == ThreadState.RUNNING || now == ThreadState.RUNNABLE);
        }
    }
}
