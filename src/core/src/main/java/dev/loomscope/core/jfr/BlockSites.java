package dev.loomscope.core.jfr;

import dev.loomscope.core.model.StackTable;

import java.util.Arrays;

/**
 * The agent's blocking call sites: a call of the program's code to a JDK method that may park,
 * found as its class loaded (a {@code loomscope.CallSite} with a callee). A park inside one
 * ({@code loomscope.BlockBeginAtSite}) names the site instead of carrying a stack; the site stands
 * for the two frames that say what the park was: the blocking method the call named (which
 * {@link dev.loomscope.core.model.WaitClassifier} reads) above the program's frame that called it.
 *
 * <p>The site's CallSite may be read after the parks that name it (another thread committed it
 * first), so a park keeps the site and it is resolved when the scheduling is replayed. The agent
 * numbers its sites from 1, densely: they index an array.
 */
final class BlockSites {
    /** More sites than any program has; an id beyond is not believed. */
    private static final long MAX_ID = 1 << 22;

    private final StackTable stacks;
    private int[] stackBySite = new int[64];

    BlockSites(StackTable stacks) {
        this.stacks = stacks;
        Arrays.fill(stackBySite, -1);
    }

    /** Whether {@code agentId} can be a site's id (a park naming any other is read as having no site). */
    static boolean valid(long agentId) {
        return agentId > 0 && agentId <= MAX_ID;
    }

    /** The agent said where site {@code agentId} is and which blocking method ({@code class.method}) it calls. */
    void located(long agentId, String className, String method, int line, String callee) {
        if (!valid(agentId)) {
            return;
        }
        int id = (int) agentId;
        if (id >= stackBySite.length) {
            int old = stackBySite.length;
            stackBySite = Arrays.copyOf(stackBySite, Math.max(id + 1, old * 2));
            Arrays.fill(stackBySite, old, stackBySite.length, -1);
        }
        int dot = callee.lastIndexOf('.');
        int[] frames = {
                stacks.internFrame(callee.substring(0, Math.max(0, dot)), callee.substring(dot + 1), -1),
                stacks.internFrame(className, method, line)};
        stackBySite[id] = stacks.internStack(frames, 2, false);
    }

    /** The two-frame stack of site {@code agentId}, or -1 while the recording has not said where it is. */
    int stack(long agentId) {
        return valid(agentId) && agentId < stackBySite.length ? stackBySite[(int) agentId] : -1;
    }
}
