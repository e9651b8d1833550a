package dev.loomscope.core.waits;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels and future chains rebuilt from the agent's events, checked against what the pipeline
 * and futures sample apps do on purpose (see their class comments).
 */
class ChannelsAndFuturesTest {
    private static final Set<String> SOURCES = Set.of("pipeline-source-0", "pipeline-source-1", "pipeline-source-2",
            "pipeline-source-3");
    private static final Set<String> TRANSFORMS = Set.of("pipeline-transform-0", "pipeline-transform-1");

    @Test
    void thePipelineHasItsTwoBoundedQueues() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.pipelineWithAgent());
        Channel parsed = channel(timeline, "java.util.concurrent.ArrayBlockingQueue");
        Channel enriched = channel(timeline, "java.util.concurrent.LinkedBlockingQueue");

        assertEquals(16, parsed.capacity());
        assertEquals(8, enriched.capacity());
        assertEquals("dev.loomscope.samples.pipeline.Pipeline.<init>", site(timeline, parsed));
        ChannelUse parsedUse = ChannelUse.of(parsed);
        assertEquals(union(SOURCES, Set.of("main")), names(timeline, parsedUse.senders()));
        assertEquals(TRANSFORMS, names(timeline, parsedUse.receivers()));
        assertEquals(union(TRANSFORMS, Set.of("main")), names(timeline, ChannelUse.of(enriched).senders()));
        assertEquals(Set.of("pipeline-sink"), names(timeline, ChannelUse.of(enriched).receivers()));
        // Each of the 400 items is put and taken once on each queue, plus the end markers.
        assertTrue(parsed.opCount() >= 2 * SampleRecordings.PIPELINE_ITEMS, "ops " + parsed.opCount());
        // The slow sink keeps both queues full: the sources block sending, most of the time at capacity.
        assertEquals(16, parsedUse.peakSize());
        assertTrue(parsedUse.blockedSends() > SampleRecordings.PIPELINE_ITEMS / 4, "blocked sends " + parsedUse.blockedSends());
        assertTrue(parsedUse.blockedSendNanos() > 10 * parsedUse.blockedReceiveNanos());
    }

    @Test
    void aSourcesBlockedPutWasUnblockedByATransformsTake() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.pipelineWithAgent());
        Channel parsed = channel(timeline, "java.util.concurrent.ArrayBlockingQueue");
        List<Integer> blockedPuts = IntStream.range(0, parsed.opCount())
                .filter(i -> parsed.op(i).isSend() && parsed.blocked(i)
                        && SOURCES.contains(timeline.lane(parsed.opLane(i)).name()))
                .boxed().toList();
        assertFalse(blockedPuts.isEmpty());
        int unblocked = 0;
        for (int op : blockedPuts) {
            int by = parsed.unblockerOf(op);
            if (by >= 0) {
                unblocked++;
                assertEquals(Channel.Op.RECEIVE, parsed.op(by));
                assertTrue(TRANSFORMS.contains(timeline.lane(parsed.opLane(by)).name()));
                assertTrue(parsed.opEnd(by) <= parsed.opEnd(op));
                assertTrue(TRANSFORMS.containsAll(names(timeline, parsed.couldUnblock(op))));
            }
        }
        assertTrue(unblocked > blockedPuts.size() * 9 / 10, unblocked + " of " + blockedPuts.size());
    }

    @Test
    void aBlockedPutIsTheSendersSpanLinkedToItsQueue() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.pipelineWithAgent());
        Channel parsed = channel(timeline, "java.util.concurrent.ArrayBlockingQueue");
        Lane source = timeline.lanes().stream().filter(l -> l.name().equals("pipeline-source-0")).findFirst().orElseThrow();
        int linked = 0;
        for (int i = 0; i < source.spanCount(); i++) {
            if (source.spanState(i) == ThreadState.BLOCKED_SEND && source.spanLink(i) == parsed.index()) {
                linked++;
                assertTrue(parsed.opAt(source.id(), source.spanEnd(i) - 1) >= 0);
            }
        }
        assertTrue(linked > 10, "linked blocked sends " + linked);
    }

    @Test
    void theOrderChainHasItsExactShape() {
        FutureGraph graph = SampleRecordings.timeline(SampleRecordings.futuresWithAgent()).futures();
        FutureChains chains = FutureChains.of(graph);
        int accept = only(graph, "thenAccept");
        int chain = chains.chainOf(accept);
        List<String> kinds = IntStream.range(0, chains.chainSize(chain)).mapToObj(k -> graph.kind(chains.future(chain, k)))
                .sorted().toList();
        assertEquals(List.of("supplyAsync", "supplyAsync", "supplyAsync", "thenAccept", "thenApply", "thenCombine",
                "thenCompose"), kinds);
        Set<String> edges = new HashSet<>();
        for (int e = 0; e < graph.edgeCount(); e++) {
            if (chains.chainOf(graph.edgeFrom(e)) == chain) {
                edges.add(graph.kind(graph.edgeFrom(e)) + " -" + graph.edgeKind(e) + "-> " + graph.kind(graph.edgeTo(e)));
            }
        }
        assertEquals(Set.of("supplyAsync -thenApply-> thenApply", "thenApply -thenCompose-> thenCompose",
                "supplyAsync -composeInner-> thenCompose", "thenCompose -thenCombine-> thenCombine",
                "supplyAsync -thenCombine-> thenCombine", "thenCombine -thenAccept-> thenAccept"), edges);
        for (int k = 0; k < chains.chainSize(chain); k++) {
            assertEquals(FutureChains.Outcome.COMPLETED, chains.outcome(chains.future(chain, k)));
        }
        // Every supplyAsync ran its task on a futures-worker virtual thread.
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.futuresWithAgent());
        int supply = chains.future(chain, 0);
        assertEquals("supplyAsync", graph.kind(supply));
        assertTrue(chains.runCount(supply) >= 1);
        assertTrue(timeline.lane(graph.runLane(chains.run(supply, 0))).name().startsWith("futures-worker-"));
    }

    @Test
    void fanOutAndRecoveryChains() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.futuresWithAgent());
        FutureGraph graph = timeline.futures();
        FutureChains chains = FutureChains.of(graph);
        int allOf = IntStream.range(0, graph.size()).filter(f -> graph.kind(f).equals("allOf")
                && method(timeline, graph, f).equals("fanOut")).findFirst().orElseThrow();
        assertEquals(3, chains.sourceCount(allOf));
        int anyOf = only(graph, "anyOf");
        assertEquals(2, chains.sourceCount(anyOf));
        for (String recovery : List.of("exceptionally", "handle")) {
            int stage = only(graph, recovery);
            int failed = graph.edgeFrom(chains.sourceEdge(stage, 0));
            assertEquals("java.lang.IllegalStateException", graph.exception(failed));
            assertEquals(FutureChains.Outcome.FAILED, chains.outcome(failed), recovery + " observed the failure");
            assertEquals(FutureChains.Outcome.COMPLETED, chains.outcome(stage), recovery + " recovered");
        }
        assertEquals(FutureChains.Outcome.COMPLETED, chains.outcome(only(graph, "whenComplete")));
    }

    @Test
    void theAuditFailureAndTheFailureHiddenBehindAllOfAreUnobserved() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.futuresWithAgent());
        FutureGraph graph = timeline.futures();
        FutureChains chains = FutureChains.of(graph);
        List<Integer> unobserved = outcomes(chains, FutureChains.Outcome.UNOBSERVED_FAILURE);
        assertEquals(Set.of("main", "settle"), unobserved.stream().map(f -> method(timeline, graph, f))
                .collect(Collectors.toSet()), "audit, created in main, and billing, in settle");
        for (int f : unobserved) {
            assertEquals("supplyAsync", graph.kind(f));
            assertEquals("java.lang.IllegalStateException", graph.exception(f));
        }
        // settle's allOf carried inventory's failure (its first input) to the join: that one was seen.
        int allOf = IntStream.range(0, graph.size()).filter(f -> graph.kind(f).equals("allOf")
                && method(timeline, graph, f).equals("settle")).findFirst().orElseThrow();
        int inventory = graph.edgeFrom(chains.sourceEdge(allOf, 0));
        assertEquals(FutureChains.Outcome.FAILED, chains.outcome(inventory));
        assertEquals(FutureChains.Outcome.FAILED, chains.outcome(allOf), "joined: its failure was read");
    }

    @Test
    void theForgottenFutureNeverCompletesAndItsWaiterIsKnown() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.futuresWithAgent());
        FutureGraph graph = timeline.futures();
        FutureChains chains = FutureChains.of(graph);
        List<Integer> pending = outcomes(chains, FutureChains.Outcome.PENDING);
        assertEquals(1, pending.size());
        int forgotten = pending.getFirst();
        assertEquals("new", graph.kind(forgotten));
        assertEquals(1, chains.waitCount(forgotten));
        int wait = chains.waitOn(forgotten, 0);
        assertEquals("futures-waiter", timeline.lane(graph.waitLane(wait)).name());
        assertEquals(forgotten, graph.waitedOn(graph.waitLane(wait), graph.waitTime(wait) - 1, graph.waitTime(wait) + 1));
    }

    @Test
    void aStageCompletedByItsOwnFunctionIsCompletedWhenItRanAndFailedWhereItThrew() {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.futuresWithAgent());
        FutureGraph graph = timeline.futures();
        int completedAsRunEnded = 0;
        int composedLater = 0;
        for (int r = 0; r < graph.runCount(); r++) {
            int f = graph.runFuture(r);
            assertTrue(graph.isCompleted(f), graph.kind(f) + " ran its function and never completed");
            if (graph.kind(f).equals("thenCompose")) {
                // Its function returns the inner future: the stage completes when that one does, later.
                assertTrue(graph.completed(f) > graph.runEnd(r), "thenCompose completed as its function returned");
                composedLater++;
            } else if (graph.completed(f) == graph.runEnd(r)) {
                assertEquals(graph.runLane(r), graph.completer(f), "completed by the thread that ran it");
                completedAsRunEnded++;
            }
        }
        assertEquals(1, composedLater, "the order chain's thenCompose");
        long completedEvents = timeline.info().eventCounts().getOrDefault("loomscope.FutureCompleted", 0L);
        assertTrue(completedAsRunEnded >= 15, "stages completed in their continuation's event: " + completedAsRunEnded);
        assertTrue(completedEvents < completedAsRunEnded, "FutureCompleted events " + completedEvents);
        // Five supplyAsync suppliers throw IllegalStateException (audit, price, stock, inventory, billing).
        int thrown = 0;
        for (int f = 0; f < graph.size(); f++) {
            if (graph.kind(f).equals("supplyAsync") && graph.exception(f) != null) {
                assertEquals("java.lang.IllegalStateException", graph.exception(f));
                StackFrame at = timeline.stacks().site(graph.thrownStack(f));
                assertEquals("dev.loomscope.samples.futures.Futures", at.className());
                assertTrue(at.methodName().equals("fail") || at.methodName().equals("audit"), at.toString());
                thrown++;
            }
        }
        assertEquals(5, thrown);
    }

    /**
     * The healthy service's requests are named virtual threads and its backends unnamed ones: their
     * future events come as records of their carrier's batch, by thread id (loomscope.FutureBatch).
     * What the service does on purpose: each request makes two supplyAsync futures at its lines,
     * combines them and joins; each supplier sleeps 2 to 4 ms on a backend thread and returns.
     */
    @Test
    void theFutureEventsOfVirtualThreadsLandOnTheThreadsThatDidThem() throws IOException {
        Timeline timeline = SampleRecordings.timeline(SampleRecordings.healthyWithAgent());
        FutureGraph graph = timeline.futures();
        assertTrue(timeline.info().eventCounts().getOrDefault("loomscope.FutureBatch", 0L) > 0,
                "batched: " + timeline.info().eventCounts());
        int suppliers = 0;
        for (int r = 0; r < graph.runCount(); r++) {
            int f = graph.runFuture(r);
            if (graph.kind(f).equals("supplyAsync")) {
                assertTrue(timeline.lane(graph.runLane(r)).isVirtual());
                assertTrue(graph.runEnd(r) - graph.runStart(r) >= 2_000_000, "a supplier ran less than its sleep");
                assertEquals(graph.runEnd(r), graph.completed(f), "completed as its supplier returned");
                assertEquals(graph.runLane(r), graph.completer(f), "by the thread that ran it");
                suppliers++;
            }
        }
        assertTrue(suppliers >= 200, "suppliers that ran: " + suppliers);
        int joins = 0;
        for (int w = 0; w < graph.waitCount(); w++) {
            assertTrue(timeline.lane(graph.waitLane(w)).name().startsWith("healthy-request-"),
                    "only the requests join: " + timeline.lane(graph.waitLane(w)).name());
            joins++;
        }
        assertTrue(joins >= 200, "requests that joined: " + joins);
        List<String> source = Files.readAllLines(SampleRecordings.repoFile(
                "sample-apps/healthy/src/main/java/dev/loomscope/samples/healthy/Healthy.java"));
        for (int f = 0; f < graph.size(); f++) {
            if (graph.kind(f).equals("supplyAsync") && graph.created(f) != Long.MIN_VALUE) {
                StackFrame site = timeline.stacks().site(graph.createdStack(f));
                assertEquals("handle", site.methodName());
                assertTrue(source.get(site.line() - 1).contains("supplyAsync("), "made at line " + site.line());
            }
        }
    }

    @Test
    void allOfAndAnyOfDependOnEachOfTheirInputs() {
        FutureGraph graph = SampleRecordings.timeline(SampleRecordings.futuresWithAgent()).futures();
        // The sample: allOf over three quotes (FutureEdges), over inventory and billing, and anyOf
        // over two mirrors (those two in their creation events).
        assertEquals(List.of(2, 3), inputCounts(graph, "allOf").stream().sorted().toList(),
                "in any order: a future's place in the graph is when the file first names it");
        assertEquals(List.of(2), inputCounts(graph, "anyOf"));
    }

    private static List<Integer> inputCounts(FutureGraph graph, String kind) {
        List<Integer> counts = new ArrayList<>();
        for (int f = 0; f < graph.size(); f++) {
            if (graph.kind(f).equals(kind)) {
                int inputs = 0;
                for (int e = 0; e < graph.edgeCount(); e++) {
                    if (graph.edgeTo(e) == f && graph.kind(graph.edgeFrom(e)).equals("supplyAsync")) {
                        inputs++;
                    }
                }
                counts.add(inputs);
            }
        }
        return counts;
    }

    @Test
    void everyFutureTheSampleMadeIsPlacedAtTheLineThatMadeIt() throws IOException {
        Path recording = SampleRecordings.futuresWithAgent();
        Timeline timeline = SampleRecordings.timeline(recording);
        FutureGraph graph = timeline.futures();
        List<String> source = Files.readAllLines(SampleRecordings.repoFile(
                "sample-apps/futures/src/main/java/dev/loomscope/samples/futures/Futures.java"));
        long atSites = timeline.info().eventCounts().getOrDefault("loomscope.FutureCreatedAtSite", 0L);
        assertTrue(atSites >= 15, "futures placed by their call site, not a stack: " + atSites);
        long edgeEvents = timeline.info().eventCounts().getOrDefault("loomscope.FutureEdge", 0L);
        assertTrue(edgeEvents < graph.edgeCount(), "a stage made at a site carries its sources in that event: "
                + edgeEvents + " FutureEdge events for " + graph.edgeCount() + " edges");
        int made = 0;
        for (int f = 0; f < graph.size(); f++) {
            if (graph.created(f) == Long.MIN_VALUE) {
                continue;
            }
            StackFrame site = timeline.stacks().site(graph.createdStack(f));
            assertEquals("dev.loomscope.samples.futures.Futures", site.className(), graph.kind(f) + " " + site);
            String call = graph.kind(f).equals("new") ? "new CompletableFuture" : graph.kind(f) + "(";
            assertTrue(source.get(site.line() - 1).contains(call), graph.kind(f) + " made at line " + site.line()
                    + ": " + source.get(site.line() - 1));
            made++;
        }
        assertTrue(made >= 20, "futures the sample made: " + made);
        // Started with the JVM, the agent loaded CompletableFuture itself and gave it its id fields.
        try (RecordingFile file = new RecordingFile(recording)) {
            String hooks = "";
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("loomscope.AgentStatus")) {
                    hooks = event.getString("hooks");
                }
            }
            assertTrue(hooks.contains("call sites,ids in fields"), hooks);
        }
    }

    /** The sample's method that created future {@code f}. */
    private static String method(Timeline timeline, FutureGraph graph, int f) {
        return timeline.stacks().site(graph.createdStack(f)).methodName();
    }

    private static List<Integer> outcomes(FutureChains chains, FutureChains.Outcome outcome) {
        List<Integer> found = new ArrayList<>();
        for (int f = 0; f < chains.graph().size(); f++) {
            if (chains.outcome(f) == outcome) {
                found.add(f);
            }
        }
        return found;
    }

    private static int only(FutureGraph graph, String kind) {
        List<Integer> found = IntStream.range(0, graph.size()).filter(f -> graph.kind(f).equals(kind)).boxed().toList();
        assertEquals(1, found.size(), kind + ": " + found);
        return found.getFirst();
    }

    private static Channel channel(Timeline timeline, String className) {
        List<Channel> found = timeline.channels().stream().filter(c -> c.className().equals(className)).toList();
        assertEquals(1, found.size(), className + " in " + timeline.channels().stream().map(Channel::className).toList());
        return found.getFirst();
    }

    private static String site(Timeline timeline, Channel channel) {
        String frame = timeline.stacks().site(channel.createdStack()).toString();
        return frame.substring(0, frame.indexOf('('));
    }

    private static Set<String> names(Timeline timeline, BitSet lanes) {
        return lanes.stream().mapToObj(l -> timeline.lane(l).name()).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
