package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Something a user must know to trust the views, in plain words, and what kind of thing it is (so
 * that a tool can act on it without reading the words). Files and live sessions say the same
 * things about the same recording: what the events themselves tell is worded once, in
 * {@link #fromContent}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RecordingWarning(Kind kind, String text) {
    public enum Kind {
        /** The file is damaged; the timeline ends where it broke. */
        DAMAGED_FILE,
        /** Reading stopped partway. */
        READ_STOPPED,
        /** The agent was loaded and turned itself off. */
        AGENT_DISABLED,
        /** Part of the agent (channels, futures) could not hook this JDK. */
        AGENT_PART_OFF,
        /** JFR dropped events in the target. */
        DATA_LOSS,
        /** The thread dumps beside the recording could not be read. */
        THREAD_DUMPS,
        /** A live session lost its target. */
        DISCONNECTED,
        /** The target's JVM records with limits, or with other settings than Loomscope's. */
        TARGET_LIMITS,
        /** Memory or disk bounds dropped the oldest part of a live capture. */
        DROPPED
    }

    /**
     * What the recording's own events say: the agent's status, events JFR lost, and the runs of
     * virtual threads the agent could not record ({@code runsLost}: its carriers' batches were
     * being written at that moment).
     */
    public static List<RecordingWarning> fromContent(AgentStatus agent, Map<String, Long> eventCounts, long runsLost) {
        List<RecordingWarning> warnings = new ArrayList<>();
        if (agent.state() == AgentStatus.State.DISABLED) {
            warnings.add(new RecordingWarning(Kind.AGENT_DISABLED, "The Loomscope agent was loaded but disabled: "
                    + agent.detail() + "; the views show what JFR alone recorded."));
        } else if (!agent.partsOff().isEmpty()) {
            warnings.add(new RecordingWarning(Kind.AGENT_PART_OFF, "Part of the Loomscope agent was off ("
                    + String.join("; ", agent.partsOff()) + "); those views show what JFR alone recorded."));
        }
        Long lost = eventCounts.get("jdk.DataLoss");
        if (lost != null && lost > 0) {
            warnings.add(new RecordingWarning(Kind.DATA_LOSS, "JFR lost events in the target " + lost
                    + " times (jdk.DataLoss): it wrote faster than its buffers allowed."));
        }
        if (runsLost > 0) {
            warnings.add(new RecordingWarning(Kind.DATA_LOSS, "The Loomscope agent could not record " + runsLost
                    + (runsLost == 1 ? " run" : " runs") + " of virtual threads (loomscope.CarrierRuns' lost): a thread"
                    + " may be drawn waiting where it ran, or alive to the end after it ended."));
        }
        return warnings;
    }
}
