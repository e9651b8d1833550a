package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadSnapshot;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stalls over time: stretches in which two or more application threads were all blocked on
 * channels or locks for at least a threshold, waiting on at least two different things, while
 * nothing moved (no operation succeeded on those channels, no other application thread made
 * progress). Such a group waits for itself: a deadlock for as long as it held, whether it lasted
 * to the end or something broke it later (an interrupt, a timeout, a watchdog). Backpressure is
 * the opposite case: senders blocked while the consumers make progress.
 *
 * <p>Read from the thread lanes, so it works in both capture tiers: with the agent the waits name
 * their channels; without it a wait is known by its site.
 */
final class Stalls {
    /**
     * One stall: who, on what, from when to when, and how it ended; {@code firstFreed}, the thread
     * whose wait returned first, only when {@link Ending#BROKEN}.
     */
    record Stall(List<Lane> lanes, List<String> waits, long start, long end, Ending ending, Lane firstFreed,
                 int stack) {
        /** Whether nothing says it ended: it held to the end, or for as long as the recording saw its threads. */
        boolean toTheEnd() {
            return ending != Ending.BROKEN;
        }
    }

    /** What the recording says of a stall's end. */
    enum Ending {
        /** It held to the end of the recording. */
        RECORDING_END,
        /**
         * A thread dump found the thread that would have been freed first still waiting, and the
         * recording shows nothing of it after: its wait was drawn from its last event up to the
         * dump (DumpMerge), so it ends where the evidence does, not where the wait returned.
         */
        LAST_SEEN,
        /** A thread's wait returned: an interrupt, a timeout or a watchdog broke it. */
        BROKEN
    }

    /** How close to the end a stall must last to have lasted to the end. */
    private static final long END_NANOS = 1_000_000;
    /** Other threads' span ends per second below which they are not making progress. */
    private static final double PROGRESS_PER_SECOND = 2;

    private Stalls() {
    }

    /**
     * A continuous wait of one lane on one thing; {@code blocker} the object a thread dump at the
     * end found it waiting for (a wait that lasted to the dump), or "".
     */
    private record Stretch(Lane lane, long start, long end, ThreadState state, String on, int channel, int link,
                           int stack, String blocker) {
    }

    /**
     * The stalls that held to the end for at least {@code deadlock.minStuckMs}, and those that
     * something broke after at least {@code deadlock.minStallMs}; found once per analysis
     * (deadlock, backpressure, leak ask).
     */
    static List<Stall> of(DetectionContext context) {
        long toTheEnd = context.nanos(DeadlockDetector.MIN_STUCK);
        long broken = context.nanos(DeadlockDetector.MIN_STALL);
        return context.shared("deadlock.stalls", () -> find(context, Math.min(toTheEnd, broken)).stream()
                .filter(s -> s.end() - s.start() >= (s.toTheEnd() ? toTheEnd : broken)).toList());
    }

    private static List<Stall> find(DetectionContext context, long minNanos) {
        Timeline timeline = context.timeline();
        // Sorted primitive ids, and no lookup in an empty map: this loop visits every thread (a
        // million of them boxed a Long and an Integer each).
        long[] carrierThreads = timeline.carrierLanes().stream().mapToLong(Lane::javaThreadId).sorted().toArray();
        List<Stretch> stretches = new ArrayList<>();
        List<Lane> others = new ArrayList<>();
        EndSnapshots atEnd = EndSnapshots.of(context);
        boolean dumpsAtEnd = !atEnd.byLane().isEmpty();
        for (Lane lane : timeline.lanes()) {
            if (context.kind(lane) == LaneGroup.Kind.JVM || Arrays.binarySearch(carrierThreads, lane.javaThreadId()) >= 0) {
                continue;
            }
            others.add(lane);
            ThreadSnapshot dumped = dumpsAtEnd ? atEnd.byLane().get(lane.id()) : null;
            collect(context, lane, minNanos, dumped == null ? "" : dumped.waitingFor(), stretches);
        }
        Set<Stretch> seenWaitingAtEnd = seenWaitingAtTheirEnd(timeline, stretches);
        List<Stall> stalls = new ArrayList<>();
        Map<Integer, BitSet> counterparts = new HashMap<>();
        for (List<Stretch> overlap : overlapping(stretches, minNanos)) {
            List<Stretch> group = releasableWithin(timeline, overlap, counterparts);
            if (group.stream().map(Stretch::lane).distinct().count() < 2) {
                continue;
            }
            long start = group.stream().mapToLong(Stretch::start).max().orElseThrow();
            long end = group.stream().mapToLong(Stretch::end).min().orElseThrow();
            Set<String> on = new HashSet<>();
            group.forEach(s -> on.add(s.on()));
            if (!waitOnEachOther(timeline, group, on) || channelsMoved(timeline, group, start, end) || othersMoved(others, group, start, end)) {
                continue;
            }
            Stretch first = group.stream().min((a, b) -> Long.compare(a.end(), b.end())).orElseThrow();
            Ending ending = end >= timeline.durationNanos() - END_NANOS ? Ending.RECORDING_END
                    : seenWaitingAtEnd.contains(first) ? Ending.LAST_SEEN : Ending.BROKEN;
            stalls.add(new Stall(group.stream().map(Stretch::lane).toList(), group.stream().map(Stretch::on).toList(),
                    start, end, ending, ending == Ending.BROKEN ? first.lane() : null, group.getFirst().stack()));
        }
        return stalls;
    }

    /**
     * The stretches that a thread dump found still waiting at their end, in a blocked state: one
     * pass over the snapshots, which may be a million (an exit dump of virtual threads), against
     * the few stretches.
     */
    private static Set<Stretch> seenWaitingAtTheirEnd(Timeline timeline, List<Stretch> stretches) {
        record LaneInstant(int lane, long time) {
        }
        Map<LaneInstant, Stretch> byEnd = new HashMap<>();
        stretches.forEach(s -> byEnd.put(new LaneInstant(s.lane().id(), s.end()), s));
        Set<Stretch> seen = new HashSet<>();
        if (!byEnd.isEmpty()) {
            for (ThreadSnapshot snapshot : timeline.snapshots()) {
                Stretch s = byEnd.get(new LaneInstant(snapshot.lane(), snapshot.time()));
                if (s != null && snapshot.state().isBlocked()) {
                    seen.add(s);
                }
            }
        }
        return seen;
    }

    /**
     * The stretches of {@code group} that a thread of the group could release: a wait on a known
     * channel is dropped when the threads that ever did the other side on it (sent to the queue a
     * receiver waits on) are all outside the group. A pool's idle workers waiting on its work queue
     * are released by whoever submits: taken as a stall, a sleeping main thread's idle pools made a
     * "deadlock". A channel nobody ever used the other side of is kept (two threads each putting
     * into the other's full queue before their first take), as are waits known only by site or
     * lock (a monitor's owner is alive).
     */
    private static List<Stretch> releasableWithin(Timeline timeline, List<Stretch> group, Map<Integer, BitSet> counterparts) {
        List<Stretch> kept = new ArrayList<>(group);
        boolean changed = true;
        while (changed) {
            BitSet lanes = new BitSet();
            kept.forEach(s -> lanes.set(s.lane().id()));
            changed = kept.removeIf(s -> {
                if (s.channel() < 0) {
                    return false;
                }
                BitSet doers = (BitSet) counterparts.computeIfAbsent(s.channel() * 2 + (s.state() == ThreadState.BLOCKED_SEND ? 1 : 0),
                        k -> timeline.channels().get(s.channel()).lanesThatDid(s.state() == ThreadState.BLOCKED_SEND
                                ? Channel.Op.RECEIVE : Channel.Op.SEND)).clone();
                doers.clear(s.lane().id());
                return !doers.isEmpty() && !doers.intersects(lanes);
            });
        }
        return kept;
    }

    /**
     * Whether the group can be waiting on itself: its waits are on two or more things. Without the
     * agent a wait is known only by its site, and symmetric code (one method relaying between two
     * queues) puts both ends of a cycle at one site: threads all blocked sending there, with no
     * receive anywhere, are taken as a cycle too. Threads all blocked on monitors are one: a
     * monitor's owner is alive (no thread ends holding one), so with nothing else moving it is in
     * the group. Threads all waiting on one known channel or at one site of a
     * {@code java.util.concurrent} lock wait on something outside the group (a leak, not a deadlock).
     */
    private static boolean waitOnEachOther(Timeline timeline, List<Stretch> group, Set<String> on) {
        if (sendsAndReceivesOnOneChannel(group) || allOnOneObject(group)) {
            return false;
        }
        if (on.size() >= 2 || group.stream().allMatch(s -> s.state() == ThreadState.BLOCKED_LOCK && s.link() >= 0
                && timeline.isMonitor(s.link()))) {
            return true; // a monitor's owner is alive: with nothing moving, it is one of them
        }
        boolean channelKnown = group.stream().anyMatch(s -> s.channel() >= 0);
        return !channelKnown && group.stream().allMatch(s -> s.state() == ThreadState.BLOCKED_SEND);
    }

    /**
     * Whether one known channel has both a blocked sender and a blocked receiver in the group: a
     * queue cannot be full and empty at once, so one of them was already released and only waiting
     * to run again (for a carrier, for the queue's lock). No cycle runs through that channel.
     */
    private static boolean sendsAndReceivesOnOneChannel(List<Stretch> group) {
        Set<Integer> sending = new HashSet<>();
        group.stream().filter(s -> s.channel() >= 0 && s.state() == ThreadState.BLOCKED_SEND)
                .forEach(s -> sending.add(s.channel()));
        return group.stream().anyMatch(s -> s.channel() >= 0 && s.state() == ThreadState.BLOCKED_RECV
                && sending.contains(s.channel()));
    }

    /**
     * Whether a thread dump at the end found every thread of the group waiting for one and the
     * same object: none of them holds it (one cannot wait for what it holds), so what would
     * release them is outside the group. Ten publishers blocked in one queue's transfer with no
     * consumer are a leak; the same site alone could not tell them from two relays in a cycle.
     */
    private static boolean allOnOneObject(List<Stretch> group) {
        String first = group.getFirst().blocker();
        return !first.isEmpty() && group.stream().allMatch(s -> s.blocker().equals(first));
    }

    /**
     * The lane's waits on channels and locks of at least {@code minNanos}; {@code blockerAtEnd}
     * what a dump at the end found it waiting for, or "".
     */
    private static void collect(DetectionContext context, Lane lane, long minNanos, String blockerAtEnd,
                                List<Stretch> out) {
        int i = 0;
        while (i < lane.spanCount()) {
            ThreadState state = lane.spanState(i);
            if (state != ThreadState.BLOCKED_SEND && state != ThreadState.BLOCKED_RECV && state != ThreadState.BLOCKED_LOCK) {
                i++;
                continue;
            }
            int first = i;
            long end = lane.spanEnd(i);
            // Contiguous pieces are one wait (an overlay split it); a wait that returned and blocked
            // again (a put that went through, then the next) is progress, not one long wait.
            while (i + 1 < lane.spanCount() && lane.spanState(i + 1) == state && lane.spanStart(i + 1) == end) {
                end = lane.spanEnd(++i);
            }
            long start = lane.spanStart(first);
            if (end - start >= minNanos) {
                int link = -1;
                for (int k = first; k <= i && link < 0; k++) {
                    link = lane.spanLink(k);
                }
                int channel = state == ThreadState.BLOCKED_LOCK ? -1 : link;
                int stack = stack(lane, first, i);
                String site = context.site(stack);
                String at = " at " + (site.isEmpty() ? "an unknown site" : site);
                String on = channel >= 0 ? describe(context.timeline().channels().get(channel), state)
                        : link >= 0 ? "waiting for " + context.timeline().blocker(link) + at
                        : Findings.doing(state) + at;
                String blocker = end >= lane.lifeEnd() - END_NANOS ? blockerAtEnd : "";
                out.add(new Stretch(lane, start, end, state, on, channel, link, stack, blocker));
            }
            i++;
        }
    }

    /** The first stack of spans {@code from..to}, or -1. */
    private static int stack(Lane lane, int from, int to) {
        for (int k = from; k <= to; k++) {
            if (lane.spanStack(k) >= 0) {
                return lane.spanStack(k);
            }
        }
        return -1;
    }

    private static String describe(Channel channel, ThreadState state) {
        return (state == ThreadState.BLOCKED_SEND ? "sending to " : "receiving from ") + channel.simpleName() + " #"
                + channel.agentId();
    }

    /**
     * The groups of stretches that all overlap for at least {@code minNanos}: for each stretch, the
     * stretches alive at its start that last long enough with it. Maximal groups only.
     */
    private static List<List<Stretch>> overlapping(List<Stretch> stretches, long minNanos) {
        List<Stretch> byStart = new ArrayList<>(stretches);
        byStart.sort((a, b) -> Long.compare(a.start(), b.start()));
        List<List<Stretch>> groups = new ArrayList<>();
        Set<Set<Lane>> seen = new HashSet<>();
        for (Stretch anchor : byStart) {
            List<Stretch> group = new ArrayList<>();
            for (Stretch other : byStart) {
                if (other.start() > anchor.start()) {
                    break;
                }
                if (Math.min(other.end(), anchor.end()) - anchor.start() >= minNanos) {
                    group.add(other);
                }
            }
            if (group.size() >= 2) {
                long end = group.stream().mapToLong(Stretch::end).min().orElseThrow();
                group.removeIf(s -> s.end() - anchor.start() < minNanos || end - anchor.start() < minNanos);
                Set<Lane> lanes = new HashSet<>();
                group.forEach(s -> lanes.add(s.lane()));
                if (lanes.size() >= 2 && seen.add(lanes)) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** Whether an operation succeeded on a channel of the group while it was stalled. */
    private static boolean channelsMoved(Timeline timeline, List<Stretch> group, long start, long end) {
        for (Stretch s : group) {
            if (s.channel() < 0) {
                continue;
            }
            Channel channel = timeline.channels().get(s.channel());
            for (int i = channel.firstEndingAtOrAfter(start); i < channel.opCount() && channel.opEnd(i) < end; i++) {
                if (channel.succeeded(i) && channel.opEnd(i) > start) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether other application threads made progress meanwhile: their spans ended at least
     * {@value #PROGRESS_PER_SECOND} times a second. A watchdog that sleeps through the stall and
     * wakes to break it does not count.
     */
    private static boolean othersMoved(List<Lane> lanes, List<Stretch> group, long start, long end) {
        Set<Lane> stalled = new HashSet<>();
        group.forEach(s -> stalled.add(s.lane()));
        long ends = 0;
        for (Lane lane : lanes) {
            if (stalled.contains(lane)) {
                continue;
            }
            for (int i = lane.firstSpanEndingAfter(start); i < lane.spanCount() && lane.spanEnd(i) < end; i++) {
                ends++;
            }
        }
        return ends > 1 + PROGRESS_PER_SECOND * (end - start) / 1e9;
    }

    /** How long {@code lane} was part of a stall: blocked time that was no backpressure. */
    static long stalledNanos(List<Stall> stalls, Lane lane) {
        return stalls.stream().filter(s -> s.lanes().contains(lane)).mapToLong(s -> s.end() - s.start()).sum();
    }
}
