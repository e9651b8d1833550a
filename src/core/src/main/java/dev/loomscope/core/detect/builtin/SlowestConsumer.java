package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.StackTable;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.WaitClassifier;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer stage that sets a backpressure's pace: of the groups that take from the queues the
 * senders were blocked on, the least blocked. With the agent a queue is known by identity and its
 * consumers are every thread that ever took from it, the bottleneck included, which may never wait
 * for input. Without it a queue is known only by the class the calls went through, and a consumer
 * only if it waited for input at least once. A pool worker waiting for a task
 * ({@code ThreadPoolExecutor.getTask}) consumes its pool's queue, not the program's. Naming any
 * group that ever waited to receive, as this once did, named a database pool as the consumer of an
 * audit queue whose consumer never waited.
 */
final class SlowestConsumer {
    /** The stage, and the share of its threads' time they were blocked (sending or receiving). */
    record Stage(LaneGroup group, double blocked) {
    }

    private SlowestConsumer() {
    }

    /** The slowest consumer of what {@code senders} sent to, or null when none is known. */
    static Stage of(DetectionContext context, List<Lane> senders, Set<String> senderGroups) {
        Set<Integer> channels = new HashSet<>();
        Set<String> classes = new HashSet<>();
        StackTable stacks = context.timeline().stacks();
        for (Lane lane : senders) {
            for (int i = 0; i < lane.spanCount(); i++) {
                if (lane.spanState(i) == ThreadState.BLOCKED_SEND) {
                    if (lane.spanLink(i) >= 0) {
                        channels.add(lane.spanLink(i));
                    } else if (lane.spanStack(i) >= 0) {
                        String queue = queueClass(stacks, lane.spanStack(i), ThreadState.BLOCKED_SEND);
                        if (queue != null) {
                            classes.add(queue);
                        }
                    }
                }
            }
        }
        BitSet takers = takers(context, channels);
        Stage slowest = null;
        for (LaneGroup group : context.groups()) {
            if (group.kind() == LaneGroup.Kind.JVM || senderGroups.contains(group.name())) {
                continue;
            }
            List<Lane> lanes = group.lanes().stream().map(context.timeline()::lane).toList();
            if (lanes.stream().noneMatch(l -> takers.get(l.id()) || waitedToTake(stacks, l, classes))) {
                continue;
            }
            double blocked = blockedShare(lanes);
            if (slowest == null || blocked < slowest.blocked()) {
                slowest = new Stage(group, blocked);
            }
        }
        return slowest;
    }

    /** The threads that ever took from one of {@code channels}. */
    private static BitSet takers(DetectionContext context, Set<Integer> channels) {
        BitSet takers = new BitSet();
        channels.forEach(index -> takers.or(context.timeline().channels().get(index).lanesThatDid(Channel.Op.RECEIVE)));
        return takers;
    }

    /** Whether the lane waited to receive from a queue of one of {@code classes}, other than for a pool's task. */
    private static boolean waitedToTake(StackTable stacks, Lane lane, Set<String> classes) {
        for (int i = 0; i < lane.spanCount(); i++) {
            int stack = lane.spanStack(i);
            if (lane.spanState(i) == ThreadState.BLOCKED_RECV && lane.spanLink(i) < 0 && stack >= 0
                    && classes.contains(queueClass(stacks, stack, ThreadState.BLOCKED_RECV)) && !waitsForTask(stacks, stack)) {
                return true;
            }
        }
        return false;
    }

    /** The class of the queue whose {@code op} (send or receive) the stack is in, or null. */
    private static String queueClass(StackTable stacks, int stack, ThreadState op) {
        String queue = null;
        for (StackFrame frame : stacks.frames(stack)) {
            if (WaitClassifier.classifyFrame(frame) == op) {
                queue = frame.className();            // the outermost: a wrapper's own class
            }
        }
        return queue;
    }

    private static boolean waitsForTask(StackTable stacks, int stack) {
        for (StackFrame frame : stacks.frames(stack)) {
            if (frame.waitsForTask()) {
                return true;
            }
        }
        return false;
    }

    private static double blockedShare(List<Lane> lanes) {
        long life = 0;
        long blocked = 0;
        long[] totals = new long[ThreadState.count()];
        for (Lane l : lanes) {
            Arrays.fill(totals, 0);
            l.addStateTotals(l.lifeStart(), l.lifeEnd(), totals);
            life += l.lifeEnd() - l.lifeStart();
            blocked += totals[ThreadState.BLOCKED_SEND.code()] + totals[ThreadState.BLOCKED_RECV.code()];
        }
        return life == 0 ? 1 : (double) blocked / life;
    }
}
