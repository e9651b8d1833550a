package dev.loomscope.core.detect;

import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.WaitFor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What a detector sees: the timeline (read-only), the thresholds the user set, and a few shared
 * answers detectors would otherwise each compute. Detectors of one analysis run side by side: a
 * shared answer is computed once, by the first that asks, while the others that ask wait.
 */
@API(status = STABLE, since = "0.1")
public final class DetectionContext {
    private final Timeline timeline;
    private final Map<String, Double> settings;
    private List<LaneGroup> groups;
    private FutureChains futures;
    private List<WaitFor.Wait> waitsAtEnd;
    private final Map<String, Object> shared = new java.util.HashMap<>();

    public DetectionContext(Timeline timeline, Map<String, Double> settings) {
        this.timeline = timeline;
        this.settings = Map.copyOf(settings);
    }

    public Timeline timeline() {
        return timeline;
    }

    /** The value of {@code threshold}: the user's, or its default. */
    public double value(Threshold threshold) {
        return settings.getOrDefault(threshold.key(), threshold.defaultValue());
    }

    /** A millisecond threshold in nanoseconds. */
    public long nanos(Threshold threshold) {
        return Math.round(value(threshold) * 1_000_000);
    }

    /** The thread groups of the timeline, computed once per analysis. */
    public synchronized List<LaneGroup> groups() {
        if (groups == null) {
            groups = LaneGroup.of(timeline);
        }
        return groups;
    }

    /** The agent's futures arranged by chain, computed once per analysis (empty without the agent). */
    public synchronized FutureChains futures() {
        if (futures == null) {
            futures = FutureChains.of(timeline.futures());
        }
        return futures;
    }

    /** The wait-for relation at the end ({@link WaitFor}), however briefly blocked; computed once. */
    public synchronized List<WaitFor.Wait> waitsAtEnd() {
        if (waitsAtEnd == null) {
            waitsAtEnd = WaitFor.atEnd(timeline, futures(), 0);
        }
        return waitsAtEnd;
    }

    /**
     * An answer several detectors need, computed by the first that asks and shared for the rest of
     * this analysis; {@code key} names it (a detector's id and what it is).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T shared(String key, java.util.function.Supplier<T> compute) {
        Object value = shared.get(key);
        if (value == null) {
            value = compute.get();
            shared.put(key, value);
        }
        return (T) value;
    }

    /** The code a stack points at ({@link dev.loomscope.core.model.StackTable#site}), as text, or "". */
    public String site(int stack) {
        StackFrame frame = timeline.stacks().site(stack);
        return frame == null ? "" : frame.toString();
    }

    /** The kind of thread a lane is. */
    public LaneGroup.Kind kind(Lane lane) {
        return LaneGroup.kindOf(lane);
    }
}
