package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The future graph as ingest writes it, event by event. */
class FutureGraphTest {

    /**
     * An observation can be the first event of a future (the agent's failures-only level reports
     * reads of futures it never announced). At the 129th future that grew the arrays under the
     * write, which stopped a fresh-clone corpus run's ingest half-way.
     */
    @Test
    void futuresFirstMetInAnObservationAreKeptPastEveryGrowth() {
        TimelineWriter writer = new TimelineWriter();
        for (long id = 1; id <= 1_000; id++) {
            writer.futureObserved(id);
        }
        FutureGraph graph = writer.timeline().futures();
        assertEquals(1_000, graph.size());
        for (int f = 0; f < graph.size(); f++) {
            assertTrue(graph.observed(f), "future " + graph.agentId(f));
        }
    }

    @Test
    void aFailureReadThroughAnotherFutureThatHeldItsExceptionIsObserved() {
        TimelineWriter writer = new TimelineWriter();
        writer.futureCompleted(7, 100, new FutureGraph.Failure("java.lang.IllegalStateException", -1, 42), -1);
        writer.futureCompleted(8, 200, new FutureGraph.Failure("java.lang.IllegalStateException", -1, 43), -1);
        writer.exceptionRead(42);
        FutureGraph graph = writer.timeline().futures();
        assertTrue(graph.observed(0), "its exception was read, through whichever future");
        assertEquals(false, graph.observed(1));
    }
}
