package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The Loomscope agent as the recording reports it: its last {@code loomscope.AgentStatus} event
 * (the agent commits one at every chunk's start and end, and when it turns itself off). Read once
 * from the event's fields here; nothing else parses them.
 *
 * @param state       whether the agent was there and on
 * @param detail      how it started ("premain", "attach") when active, why it turned off when disabled
 * @param sampleOneIn N when the parks of one virtual thread in N are reported with their stacks, else 1
 * @param partsOff    the parts that could not hook this JDK ("channels off: ..."), the rest working
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AgentStatus(State state, String detail, int sampleOneIn, List<String> partsOff) {
    public enum State { ABSENT, ACTIVE, DISABLED }

    /** A recording without the agent. */
    public static final AgentStatus ABSENT = new AgentStatus(State.ABSENT, "", 1, List.of());

    private static final String SAMPLED = "sampled 1 in ";

    public AgentStatus {
        partsOff = List.copyOf(partsOff);
    }

    /**
     * The status from the event's {@code status} ("active" or "disabled") and {@code reason}: how
     * it started or why it stopped, then "; "-separated notes ("sampled 1 in 16", "channels off: ...").
     */
    public static AgentStatus of(String status, String reason) {
        String[] notes = reason == null ? new String[0] : reason.split("; ");
        if (!"active".equals(status)) {
            return new AgentStatus(State.DISABLED, reason == null ? "" : reason, 1, List.of());
        }
        int sampleOneIn = 1;
        List<String> off = new ArrayList<>();
        for (String note : notes) {
            if (note.startsWith(SAMPLED)) {
                sampleOneIn = Integer.parseInt(note.substring(SAMPLED.length()).trim());
            } else if (note.contains(" off: ")) {
                off.add(note);
            }
        }
        return new AgentStatus(State.ACTIVE, notes.length == 0 ? "" : notes[0], sampleOneIn, off);
    }

    /** Whether only some virtual threads' parks are reported with their stacks (every thread's runs are). */
    public boolean sampled() {
        return sampleOneIn > 1;
    }
}
