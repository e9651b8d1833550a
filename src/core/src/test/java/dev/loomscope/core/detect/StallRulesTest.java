package dev.loomscope.core.detect;

import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.TimelineWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stall over time must show before it is called a deadlock. The first case is the shape a
 * cold CI machine recorded from sample-apps/junit-demo: workers in take() and the producer in put()
 * on one ArrayBlockingQueue, all "blocked" for 2 ms while the woken workers waited for a carrier.
 */
class StallRulesTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void aFewMillisecondsOfAHandoffIsNoDeadlockEvenWithTheJUnitExtensionsThresholds() {
        Timeline timeline = producerAndWorkers(2 * MS, -1);
        assertEquals(List.of(), deadlocks(timeline, Map.of("deadlock.minStuckMs", 1.0)),
                "a stall something broke after 2 ms is the noise of a busy machine");
        assertEquals(1, deadlocks(timeline, Map.of("deadlock.minStallMs", 1.0)).size(),
                "the same model with the broken-stall threshold lowered: the rule, not a side effect, decides");
    }

    @Test
    void aStallThatHeldForSecondsUntilAWatchdogIsADeadlock() {
        List<Finding> found = deadlocks(producerAndWorkers(1_500 * MS, -1), Map.of());
        assertEquals(1, found.size(), "site-only waits on two things, nothing moving for 1.5 s: " + found);
        assertEquals(Severity.HIGH, found.getFirst().severity(), "something broke it");
    }

    @Test
    void aSenderAndAReceiverBlockedOnOneKnownQueueAreNoCycle() {
        List<Finding> found = deadlocks(producerAndWorkers(1_500 * MS, 7), Map.of());
        assertTrue(found.isEmpty(), "a queue cannot be full and empty at once: one side was already released: " + found);
    }

    /**
     * A live session's shape: two threads no event showed blocking, found by the dump at the attach
     * (1 s) and by the one at the stop (3 s) each waiting to send at its own site, drawn waiting in
     * between (inferred); the session's last events came 2 s later. The waits end where the dumps
     * last saw them, not where anything returned: nothing says the stall broke.
     */
    @Test
    void aStallTheLastDumpStillSawIsNotCalledBroken() {
        TimelineWriter writer = new TimelineWriter();
        int[] stacks = {stack(writer, "relayLeft", 12), stack(writer, "relayRight", 21)};
        for (int r = 0; r < 2; r++) {
            int relay = writer.lane(40 + r, "relay-" + r, false, 40 + r);
            for (long dump : new long[] {SECOND, 3 * SECOND}) {
                writer.snapshot(new ThreadSnapshot(dump, relay, ThreadState.BLOCKED_SEND, "", List.of(), stacks[r]));
            }
            writer.seen(relay, SECOND, SECOND, stacks[r]);
            writer.span(relay, SECOND, 3 * SECOND, ThreadState.BLOCKED_SEND, true, stacks[r], -1);
            writer.seen(relay, 3 * SECOND, 3 * SECOND, stacks[r]);
        }
        int other = writer.lane(50, "poller", false, 50);
        writer.started(other, 0);
        writer.span(other, 4 * SECOND, 5 * SECOND, ThreadState.SLEEPING, false, -1, -1);
        writer.advance(new RecordingInfo("test", 0, 5 * SECOND, 1, Map.of(), AgentStatus.ABSENT, List.of()));

        List<Finding> found = deadlocks(writer.timeline(), Map.of());

        assertEquals(1, found.size(), found.toString());
        Finding deadlock = found.getFirst();
        assertEquals(Severity.CRITICAL, deadlock.severity(), "not known to have broken: " + deadlock.message());
        assertTrue(deadlock.message().contains("when a thread dump last saw them, at 3.00 s"), deadlock.message());
        assertTrue(!deadlock.message().contains("broke it"), deadlock.message());
    }

    /**
     * Three workers blocked receiving at work(37) and a producer blocked sending at submit(28), all
     * overlapping for {@code held} before the first worker goes on; {@code queueId >= 0} names the
     * queue as the agent would.
     */
    private static Timeline producerAndWorkers(long held, long queueId) {
        TimelineWriter writer = new TimelineWriter();
        int take = stack(writer, "work", 37);
        int put = stack(writer, "submit", 28);
        int channel = queueId < 0 ? -1 : writer.channel(queueId, "java.util.concurrent.ArrayBlockingQueue", 16);
        long start = 60 * MS;
        int producer = writer.lane(1, "main", false, 1);
        writer.started(producer, 0);
        span(writer, producer, start + MS, start + MS + held + 5 * MS, ThreadState.BLOCKED_SEND, put, channel);
        for (int w = 0; w < 3; w++) {
            int worker = writer.lane(30 + w, "order-worker-" + w, true, 0);
            writer.started(worker, 0);
            span(writer, worker, start, start + MS + held + w * MS, ThreadState.BLOCKED_RECV, take, channel);
        }
        writer.advance(new RecordingInfo("test", 0, 10 * SECOND, 1, Map.of(), AgentStatus.ABSENT, List.of()));
        return writer.timeline();
    }

    private static void span(TimelineWriter writer, int lane, long from, long to, ThreadState state, int stack, int channel) {
        if (channel >= 0) {
            Channel.Op op = state == ThreadState.BLOCKED_SEND ? Channel.Op.SEND : Channel.Op.RECEIVE;
            writer.channelOp(channel, lane, from, to, op, 0, true, stack, 0);
        } else {
            writer.span(lane, from, to, state, false, stack, -1);
        }
    }

    private static int stack(TimelineWriter writer, String method, int line) {
        int frame = writer.stacks().internFrame("com.example.orders.OrderDispatcher", method, line);
        return writer.stacks().internStack(new int[] {frame}, 1, false);
    }

    private static List<Finding> deadlocks(Timeline timeline, Map<String, Double> settings) {
        return Analysis.run(timeline, settings, Detectors.builtIn()).findings().stream()
                .filter(f -> f.kind().equals("deadlock")).toList();
    }
}
