package dev.loomscope.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.model.AgentStatus;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.RecordingInfo;
import dev.loomscope.core.model.Timeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every {@code --json} output says of the recording itself, and how all of them are written. */
final class RecordingJson {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private RecordingJson() {
    }

    /** The {@code "recording"} object: source, start, length, chunks, events, threads, the agent, warnings. */
    static Map<String, Object> of(Timeline timeline) {
        RecordingInfo info = timeline.info();
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("source", info.source());
        recording.put("startEpochNanos", info.startEpochNanos());
        recording.put("durationNanos", timeline.durationNanos());
        recording.put("chunks", info.chunkCount());
        recording.put("events", info.eventCount());
        recording.put("threads", timeline.laneCount());
        recording.put("virtualThreads", timeline.lanes().stream().filter(Lane::isVirtual).count());
        recording.put("agent", agent(info.agent()));
        recording.put("warnings", info.warningTexts());
        return recording;
    }

    private static Map<String, Object> agent(AgentStatus status) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        agent.put("detail", status.detail());
        agent.put("sampleOneIn", status.sampleOneIn());
        agent.put("partsOff", status.partsOff());
        return agent;
    }

    /** A finding as {@code analyze --json} and {@code diff --json} write it. */
    static Map<String, Object> finding(Finding f) {
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("kind", f.kind());
        finding.put("severity", f.severity().label());
        finding.put("message", f.message());
        finding.put("startNanos", f.startNanos());
        finding.put("endNanos", f.endNanos());
        finding.put("threads", f.threads());
        finding.put("site", f.site());
        finding.put("details", f.details());
        finding.put("detector", f.detector());
        return finding;
    }
}
