package dev.loomscope.plugins.saturation;

import dev.loomscope.core.detect.DetectionContext;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.StackTable;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ThreadPoolExecutor} saturation: a pool none of whose workers was idle for a long stretch.
 * An idle worker waits for a task in {@code ThreadPoolExecutor.getTask}; when none does, every
 * task submitted meanwhile queues behind busy workers, whatever they are busy with (running,
 * blocking on I/O, or waiting on each other). Reported as starvation: the tasks starve.
 */
public final class ExecutorSaturationDetector implements Detector {
    static final Threshold MIN_BUSY = new Threshold("executorSaturation.minMs",
            "No idle worker for at least (ms)", 1_000, "ms");
    /** How much of a stretch the recording must show the workers busy for it to be reported. */
    static final double MIN_SHOWN_BUSY = 0.5;
    /** The running an execution sample stands for: the JDK's default sampling period. */
    static final long SAMPLE_REACH = 20_000_000L;

    @Override
    public Info info() {
        return new Info("executor-saturation", "Executor saturation (plugin)", "Thread pools whose workers were "
                + "all busy, none waiting in ThreadPoolExecutor.getTask, for the threshold or longer. A pool sized for "
                + "its load can legitimately run full for short bursts: raise the threshold for batch jobs.",
                List.of(MIN_BUSY));
    }

    @Override
    public List<Finding> detect(DetectionContext context) {
        Timeline timeline = context.timeline();
        BitSet idleStacks = idleStacks(timeline.stacks());
        List<Finding> findings = new ArrayList<>();
        for (LaneGroup group : context.groups()) {
            if (group.kind() != LaneGroup.Kind.PLATFORM || group.lanes().size() < 2) {
                continue;
            }
            List<Lane> workers = group.lanes().stream().map(timeline::lane).toList();
            if (workers.stream().noneMatch(w -> everIdle(w, idleStacks))) {
                continue; // not a ThreadPoolExecutor, or we never saw its workers wait for work
            }
            long[] busiest = null;
            double shown = 0;
            for (long[] stretch : unseenIdle(workers, idleStacks)) {
                long length = stretch[1] - stretch[0];
                if (length < context.nanos(MIN_BUSY) || busiest != null && length <= busiest[1] - busiest[0]) {
                    continue;
                }
                double share = shownBusy(workers, idleStacks, stretch[0], stretch[1]);
                if (share >= MIN_SHOWN_BUSY) {
                    busiest = stretch;
                    shown = share;
                }
            }
            if (busiest != null) {
                findings.add(finding(group, workers, busiest, shown));
            }
        }
        return findings;
    }

    /** Stacks in which a thread waits for work: a frame of {@code ThreadPoolExecutor.getTask}. */
    private static BitSet idleStacks(StackTable stacks) {
        BitSet idle = new BitSet();
        for (int s = 0; s < stacks.size(); s++) {
            for (StackFrame frame : stacks.frames(s)) {
                if (frame.waitsForTask()) {
                    idle.set(s);
                    break;
                }
            }
        }
        return idle;
    }

    private static boolean everIdle(Lane worker, BitSet idleStacks) {
        for (int i = 0; i < worker.spanCount(); i++) {
            if (worker.spanStack(i) >= 0 && idleStacks.get(worker.spanStack(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stretches, within the workers' common lifetime, in which none of them was seen waiting for
     * work, as {from, to} pairs in time order.
     */
    private static List<long[]> unseenIdle(List<Lane> workers, BitSet idleStacks) {
        long from = workers.stream().mapToLong(Lane::lifeStart).max().orElse(0);
        long to = workers.stream().mapToLong(Lane::lifeEnd).min().orElse(0);
        List<long[]> idle = new ArrayList<>();
        for (Lane w : workers) {
            for (int i = 0; i < w.spanCount(); i++) {
                if (w.spanStack(i) >= 0 && idleStacks.get(w.spanStack(i))) {
                    idle.add(new long[] {Math.max(from, w.spanStart(i)), Math.min(to, w.spanEnd(i))});
                }
            }
        }
        long[][] sorted = idle.toArray(new long[0][]);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        List<long[]> stretches = new ArrayList<>();
        long busySince = from;
        for (long[] span : sorted) {
            if (span[0] > busySince) {
                stretches.add(new long[] {busySince, span[0]});
            }
            busySince = Math.max(busySince, span[1]);
        }
        if (to > busySince) {
            stretches.add(new long[] {busySince, to});
        }
        return stretches;
    }

    /**
     * The share of the workers' time in {@code [from, to)} that the recording shows busy: in a
     * recorded span that is not, or may not be, a wait for work, or on a CPU (an execution sample, taken to stand
     * for {@link #SAMPLE_REACH} of running). Time no event explains is not busy: a wait for work
     * shorter than the recording's park threshold leaves no event, so a pool idle half of the time
     * in waits of a millisecond or two shows no idle worker at all.
     */
    static double shownBusy(List<Lane> workers, BitSet idleStacks, long from, long to) {
        long length = to - from;
        if (length <= 0 || workers.isEmpty()) {
            return 0;
        }
        long shown = 0;
        for (Lane w : workers) {
            long spans = 0;
            for (int i = w.firstSpanEndingAfter(from); i < w.spanCount() && w.spanStart(i) < to; i++) {
                if (!w.spanInferred(i) && !mayWaitForWork(w, i, idleStacks)) {
                    spans += Math.max(0, Math.min(to, w.spanEnd(i)) - Math.max(from, w.spanStart(i)));
                }
            }
            shown += Math.min(length, spans + w.samplesIn(from, to) * SAMPLE_REACH);
        }
        return (double) shown / ((double) length * workers.size());
    }

    /**
     * Whether span {@code i} of worker {@code w} is, or may be, a wait for work: in getTask, or a
     * receive with no stack to tell (the agent's queue waits: a worker's take from its own pool's
     * queue is one).
     */
    private static boolean mayWaitForWork(Lane w, int i, BitSet idleStacks) {
        int stack = w.spanStack(i);
        return stack >= 0 ? idleStacks.get(stack) : w.spanState(i) == ThreadState.BLOCKED_RECV;
    }

    private static Finding finding(LaneGroup group, List<Lane> workers, long[] busy, double shown) {
        List<Integer> ids = workers.stream().map(Lane::id).toList();
        List<String> names = workers.stream().map(Lane::displayName).toList();
        String message = String.format("The pool %s (%d threads) had no idle worker for %.2f s: every task submitted "
                + "then waited in the queue. Look at what the workers were doing in that stretch: if they were "
                + "blocked (I/O, locks, futures), the pool is too small for blocking work or the work should not "
                + "block; if they were running, the pool is simply too small for the load. The recording shows "
                + "them busy %.0f%% of that time (blocked spans and execution samples).", group.name(),
                workers.size(), (busy[1] - busy[0]) / 1e9, shown * 100);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pool", group.name());
        details.put("workers", workers.size());
        details.put("longestBusyNanos", busy[1] - busy[0]);
        details.put("shownBusyShare", shown);
        return new Finding("starvation", Severity.MEDIUM, message, busy[0], busy[1], ids, names, "", details,
                "executor-saturation");
    }
}
