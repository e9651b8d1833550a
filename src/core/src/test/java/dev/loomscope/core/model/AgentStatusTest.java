package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's status event read into a type once, and what files and live sessions then say of it. */
class AgentStatusTest {
    @Test
    void anActiveAgentsNotesAreReadOnce() {
        // The reason as the agent's Installer writes it.
        AgentStatus status = AgentStatus.of("active",
                "attach; sampled 1 in 16; futures off: CompletableFuture.postComplete not found");
        assertEquals(AgentStatus.State.ACTIVE, status.state());
        assertEquals("attach", status.detail());
        assertEquals(16, status.sampleOneIn());
        assertTrue(status.sampled());
        assertEquals(List.of("futures off: CompletableFuture.postComplete not found"), status.partsOff());

        AgentStatus full = AgentStatus.of("active", "premain");
        assertFalse(full.sampled());
        assertTrue(full.partsOff().isEmpty());
    }

    @Test
    void aDisabledAgentKeepsItsReason() {
        AgentStatus status = AgentStatus.of("disabled", "internal error in mount: java.lang.IllegalStateException");
        assertEquals(AgentStatus.State.DISABLED, status.state());
        assertEquals("internal error in mount: java.lang.IllegalStateException", status.detail());
    }

    @Test
    void filesAndLiveSessionsWordTheContentAlike() {
        List<RecordingWarning> disabled = RecordingWarning.fromContent(AgentStatus.of("disabled", "agent start failed: x"), Map.of(), 0);
        assertEquals(List.of(RecordingWarning.Kind.AGENT_DISABLED), disabled.stream().map(RecordingWarning::kind).toList());
        assertTrue(disabled.getFirst().text().contains("agent start failed: x"), disabled.getFirst().text());

        List<RecordingWarning> partly = RecordingWarning.fromContent(
                AgentStatus.of("active", "premain; channels off: no ArrayBlockingQueue.enqueue"), Map.of("jdk.DataLoss", 3L), 0);
        assertEquals(List.of(RecordingWarning.Kind.AGENT_PART_OFF, RecordingWarning.Kind.DATA_LOSS),
                partly.stream().map(RecordingWarning::kind).toList());

        assertTrue(RecordingWarning.fromContent(AgentStatus.ABSENT, Map.of(), 0).isEmpty());

        List<RecordingWarning> runsLost = RecordingWarning.fromContent(AgentStatus.of("active", "premain"), Map.of(), 2);
        assertEquals(List.of(RecordingWarning.Kind.DATA_LOSS), runsLost.stream().map(RecordingWarning::kind).toList());
        assertTrue(runsLost.getFirst().text().contains("could not record 2 runs"), runsLost.getFirst().text());
    }
}
