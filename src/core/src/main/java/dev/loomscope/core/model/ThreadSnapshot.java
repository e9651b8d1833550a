package dev.loomscope.core.model;

import java.util.List;

/**
 * What a thread dump said of one thread at one instant: the facts about who waits for what that no
 * span records, which deadlock detection needs.
 *
 * @param time       when the dump was taken, timeline nanoseconds
 * @param lane       the thread's lane
 * @param state      its state then
 * @param waitingFor the identity of the monitor or park blocker it waited for ({@code Class@hash}), or ""
 * @param owns       the identities of the monitors it held
 * @param stack      its stack then
 */
public record ThreadSnapshot(long time, int lane, ThreadState state, String waitingFor, List<String> owns, int stack) {
    public ThreadSnapshot {
        owns = List.copyOf(owns);
    }
}
