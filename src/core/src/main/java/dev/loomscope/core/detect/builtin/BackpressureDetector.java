package dev.loomscope.core.detect.builtin;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Channel backpressure: thread groups that spent most of their life blocked sending to bounded
 * queues, which were therefore full, and the stage that consumes too slowly ({@link SlowestConsumer}).
 */
public final class BackpressureDetector implements Detector {
    static final Threshold MIN_SHARE = new Threshold("backpressure.minShare", "Senders blocked at least this share of their time (%)", 50, "%");

    @Override
    public Info info() {
        return new Info("backpressure", "Channel backpressure", "Threads blocked sending to queues for most of "
                + "their life, and the slowest consumer stage. Without the agent, queues are told apart by the "
                + "code that uses them, not by identity.", List.of(MIN_SHARE));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        double minShare = context.value(MIN_SHARE) / 100;
        List<Lane> senders = new ArrayList<>();
        List<String> sendingGroups = new ArrayList<>();
        Map<String, Long> sendSites = new HashMap<>();
        long sending = 0;
        long lifetime = 0;
        long start = Long.MAX_VALUE;
        long end = 0;
        // Senders blocked while nothing moved were stalled, not pushed back: only time in which the
        // consumers made progress counts.
        List<Stalls.Stall> stalls = Stalls.of(context);
        long leakLimit = LeakDetector.stuckLimit(context);
        for (LaneGroup group : context.groups()) {
            if (group.kind() == LaneGroup.Kind.JVM) {
                continue;
            }
            List<Lane> lanes = group.lanes().stream().map(context.timeline()::lane).toList();
            long life = lanes.stream().mapToLong(l -> l.lifeEnd() - l.lifeStart()).sum();
            long send = 0;
            long[] totals = new long[ThreadState.count()];
            for (Lane l : lanes) {
                Arrays.fill(totals, 0);
                l.addStateTotals(l.lifeStart(), l.lifeEnd(), totals);
                long blockedSending = totals[ThreadState.BLOCKED_SEND.code()];
                if (blockedSending > 0) {
                    send += Math.max(0, blockedSending - Stalls.stalledNanos(stalls, l) - sendingToNobody(context, l)
                            - stuckSendingAtTheEnd(l, leakLimit));
                }
            }
            if (life > 0 && send >= minShare * life) {
                senders.addAll(lanes);
                sendingGroups.add(group.name());
                sending += send;
                lifetime += life;
                for (Lane l : lanes) {
                    start = Math.min(start, l.lifeStart());
                    end = Math.max(end, l.lifeEnd());
                    collectSites(context, l, sendSites);
                }
            }
        }
        if (senders.isEmpty()) {
            return List.of();
        }
        SlowestConsumer.Stage slowest = SlowestConsumer.of(context, senders, new HashSet<>(sendingGroups));
        return List.of(finding(context, senders, sendingGroups, sendSites, (double) sending / lifetime, slowest,
                start, end));
    }

    /**
     * Time blocked sending to a channel (known from the agent) that nobody ever received from: no
     * consumer, so no pace to push back on; a leak, not backpressure.
     */
    private static long sendingToNobody(DetectionContext context, Lane lane) {
        long nanos = 0;
        for (int i = 0; i < lane.spanCount(); i++) {
            int channel = lane.spanLink(i);
            if (lane.spanState(i) == ThreadState.BLOCKED_SEND && channel >= 0
                    && !everReceived(context.timeline().channels().get(channel))) {
                nanos += lane.spanEnd(i) - lane.spanStart(i);
            }
        }
        return nanos;
    }

    /**
     * Time of a send that never went through: blocked from long before the end (a leak's
     * threshold) to the end. Under backpressure each send waits for the consumer's next take; one
     * that waits for seconds and never returns met no pace at all (the leak detector's case).
     */
    private static long stuckSendingAtTheEnd(Lane lane, long leakLimit) {
        if (lane.ended() || lane.lifeEnd() <= lane.lifeStart()
                || lane.stateAt(lane.lifeEnd() - 1) != ThreadState.BLOCKED_SEND) {
            return 0;
        }
        long since = lane.stuckSince();
        if (lane.lifeEnd() - since < Math.max(1, leakLimit)) {
            return 0;
        }
        long[] totals = new long[ThreadState.count()];
        lane.addStateTotals(since, lane.lifeEnd(), totals);
        return totals[ThreadState.BLOCKED_SEND.code()];
    }

    private static boolean hasChannelLink(Lane lane) {
        for (int i = 0; i < lane.spanCount(); i++) {
            if (lane.spanState(i) == ThreadState.BLOCKED_SEND && lane.spanLink(i) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean everReceived(Channel channel) {
        for (int i = 0; i < channel.opCount(); i++) {
            if (!channel.op(i).isSend() && channel.succeeded(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Blocked-send time by where it was spent: the send's own site, or, for a send the agent saw
     * without a stack, the queue it sent to and where that was made. Time with neither names no place.
     */
    private static void collectSites(DetectionContext context, Lane lane, Map<String, Long> sites) {
        for (int i = 0; i < lane.spanCount(); i++) {
            if (lane.spanState(i) != ThreadState.BLOCKED_SEND) {
                continue;
            }
            String site = context.site(lane.spanStack(i));
            if (site.isEmpty() && lane.spanLink(i) >= 0) {
                Channel channel = context.timeline().channels().get(lane.spanLink(i));
                String made = context.site(channel.createdStack());
                site = "a send to " + channel.simpleName() + (made.isEmpty() ? "" : " made at " + made);
            }
            if (!site.isEmpty()) {
                sites.merge(site, lane.spanEnd(i) - lane.spanStart(i), Long::sum);
            }
        }
    }

    private Finding finding(DetectionContext context, List<Lane> senders, List<String> groups, Map<String, Long> sites,
                            double share, SlowestConsumer.Stage slowest, long start, long end) {
        String site = sites.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        List<Lane> involved = new ArrayList<>(senders);
        String consumer = " The recording does not say which threads consume from them.";
        if (slowest != null) {
            List<Lane> consumers = slowest.group().lanes().stream().map(context.timeline()::lane).toList();
            involved.addAll(consumers);
            consumer = String.format(" The slowest consumer stage is %s: blocked only %.0f%% of its time, it never "
                    + "waits for input, so it sets the pace.", Findings.who(consumers), 100 * slowest.blocked());
        }
        String message = String.format("Backpressure: %s in %s spent %.0f%% of their time blocked sending%s, so the "
                        + "queues they send to were full.%s Speed up or widen the consuming stage, or accept the pace upstream.",
                Findings.who(senders), String.join(", ", groups), 100 * share, site.isEmpty() ? "" : ", mostly at " + site,
                consumer);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("senderGroups", groups);
        details.put("blockedSendingShare", share);
        details.put("evidence", senders.stream().anyMatch(l -> hasChannelLink(l))
                ? "the agent's operations on the queues (loomscope.ChannelOp): blocked sends while receives succeeded"
                : "blocked-send spans (JFR park and method-trace events) at the sites named; with --agent-full the "
                        + "queues would be named and each operation counted");
        if (slowest != null) {
            details.put("slowestConsumer", slowest.group().name());
        }
        Severity severity = share >= 0.8 ? Severity.HIGH : Severity.MEDIUM;
        return new Finding("backpressure", severity, message, start, end, Findings.ids(involved),
                Findings.names(involved), site, details, "backpressure");
    }
}
