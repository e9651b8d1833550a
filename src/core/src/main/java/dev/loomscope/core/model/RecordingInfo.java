package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Facts about the recording a timeline was built from, and what ingest had to say about it.
 *
 * @param source        where the events came from (a file path, a process)
 * @param startEpochNanos wall-clock time of the timeline's time 0, in nanoseconds since the epoch
 * @param durationNanos the recording length
 * @param chunkCount    the number of JFR chunks read
 * @param eventCounts   events read per event type name
 * @param agent         the Loomscope agent, as the recording reports it
 * @param warnings      things a user must know to trust the views (a cut file, lost events)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RecordingInfo(String source, long startEpochNanos, long durationNanos, int chunkCount,
                            Map<String, Long> eventCounts, AgentStatus agent, List<RecordingWarning> warnings) {

    public RecordingInfo {
        eventCounts = Map.copyOf(eventCounts);
        warnings = List.copyOf(warnings);
    }

    /** The warnings' words, in order. */
    public List<String> warningTexts() {
        return warnings.stream().map(RecordingWarning::text).toList();
    }

    public long eventCount() {
        return eventCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True if at least one event of the type was read. */
    public boolean has(String eventType) {
        return eventCounts.getOrDefault(eventType, 0L) > 0;
    }
}
