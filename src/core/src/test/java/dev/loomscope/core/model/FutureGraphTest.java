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
    /**
     * A future made at a call site names the site; the site's CallSite may come later in the file
     * (another thread committed it), or not at all (its chunk was dropped): the future is placed
     * when the site is known, and nowhere until then.
     */
    @Test
    void aFutureMadeAtACallSiteIsPlacedWhenTheSiteIsKnownWhicheverComesFirst() {
        TimelineWriter writer = new TimelineWriter();
        int here = writer.stacks().internStack(new int[] {writer.stacks().internFrame("com.example.Shop", "order", 42)}, 1, false);
        writer.futureCreatedAtSite(1, 100, 7);
        writer.futureCreatedAtSite(2, 110, 8);
        writer.futureEdge(1, 2, "");
        FutureGraph graph = writer.timeline().futures();
        assertEquals(-1, graph.createdStack(0), "site 7 not read yet");
        assertEquals("", graph.kind(0));
        for (long site = 100; site < 200; site++) {
            writer.callSite(site, -1, "thenRun");   // other sites: the site table grows past its first size
        }
        writer.callSite(7, here, "supplyAsync");
        assertEquals(here, graph.createdStack(0));
        assertEquals("supplyAsync", graph.kind(0));
        assertEquals(100, graph.created(0));
        assertEquals(-1, graph.createdStack(1), "site 8's CallSite never came: no place is made up");
        assertEquals("", graph.kind(1), "nor a kind");
        writer.callSite(8, -1, "thenApply");
        assertEquals("thenApply", graph.kind(1));
        assertEquals("thenApply", graph.edgeKind(0), "an edge written without its kind is its dependent's");
    }

    /**
     * A live session drops the chains that were over before its window: only those. A chain with
     * a pending future stays whole however old (a thread waits on it, and the wait is still drawn),
     * and what stays is renumbered consistently.
     */
    @Test
    void aLiveWindowDropsTheChainsThatWereOverAndKeepsEveryOtherWhole() {
        TimelineWriter writer = new TimelineWriter();
        int waiter = writer.lane(1, "main", false, 11);
        int worker = writer.lane(2, "worker", true, 0);
        // chain A (ids 1 -> 2): over at 300
        writer.futureCreated(1, 100, "supplyAsync", -1);
        writer.futureCreated(2, 110, "thenApply", -1);
        writer.futureEdge(1, 2, "thenApply");
        writer.futureRan(1, worker, 120, 200);
        writer.futureCompleted(1, 200, null, worker);
        writer.futureCompleted(2, 300, new FutureGraph.Failure("java.io.IOException", -1, 77), worker);
        writer.exceptionRead(77);
        // chain B (ids 3 -> 4): old, but 4 never completes and main waits on it
        writer.futureCreated(3, 150, "supplyAsync", -1);
        writer.futureCreated(4, 160, "thenCompose", -1);
        writer.futureEdge(3, 4, "thenCompose");
        writer.futureCompleted(3, 250, null, worker);
        writer.seen(waiter, 390, 400, -1);
        writer.futureWaited(4, waiter, 400);
        // chain C (id 5): after the window's start
        writer.futureCreated(5, 2_000, "runAsync", -1);
        writer.futureCompleted(5, 2_100, new FutureGraph.Failure("java.lang.IllegalStateException", -1, 88), worker);
        writer.exceptionRead(88);
        writer.advance(new RecordingInfo("test", 0, 3_000, 1, java.util.Map.of(), AgentStatus.ABSENT, java.util.List.of()));

        writer.dropBefore(1_000);
        writer.advance(new RecordingInfo("test", 0, 4_000, 1, java.util.Map.of(), AgentStatus.ABSENT, java.util.List.of()));

        FutureGraph graph = writer.timeline().futures();
        assertEquals(3, graph.size(), "chain A went, B and C stayed");
        assertEquals(-1, graph.indexOf(1));
        assertEquals(-1, graph.indexOf(2));
        int three = graph.indexOf(3);
        int four = graph.indexOf(4);
        int five = graph.indexOf(5);
        assertEquals(java.util.List.of(0, 1, 2), java.util.List.of(three, four, five), "kept in order");
        assertEquals(1, graph.edgeCount());
        assertEquals(three, graph.edgeFrom(0));
        assertEquals(four, graph.edgeTo(0));
        assertEquals("thenCompose", graph.edgeKind(0));
        assertEquals(0, graph.runCount(), "chain A's run went with it");
        assertEquals(1, graph.waitCount());
        assertEquals(four, graph.waitFuture(0));
        assertEquals(four, graph.waitedOn(waiter, 300, 500));
        assertTrue(graph.observed(five), "the read of a kept future's exception is kept");
        assertEquals("java.lang.IllegalStateException", graph.exception(five));
        // The wait on the pending future is still open, and still drawn to the new end.
        Lane main = writer.timeline().lane(waiter);
        assertEquals(ThreadState.BLOCKED_FUTURE, main.stateAt(3_500));
        // A future the window dropped that is met again is a new entry, created "before the window".
        writer.futureObserved(2);
        assertEquals(Long.MIN_VALUE, graph.created(graph.indexOf(2)));
    }
}
