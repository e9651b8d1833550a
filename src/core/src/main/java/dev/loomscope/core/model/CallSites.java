package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The program's calls that created futures, by the agent's site id (loomscope.CallSite): where
 * each is, as a one-frame stack read from the class file when the class loaded. A future made at
 * a site names it instead of carrying a stack of its own; the site's CallSite may be read after
 * the future (another thread committed it), so a future keeps the site, resolved when asked.
 */
final class CallSites {
    private final LongIndex byAgentId = new LongIndex();
    private int[] stack = new int[16];
    private int size;

    /** The index of the agent's site {@code agentId}, added if new (where it is not known yet). */
    int site(long agentId) {
        int site = byAgentId.get(agentId);
        if (site >= 0) {
            return site;
        }
        if (size == stack.length) {
            stack = Arrays.copyOf(stack, size * 2);
        }
        stack[size] = -1;
        byAgentId.put(agentId, size);
        return size++;
    }

    /** The agent said where site {@code agentId} is. */
    void located(long agentId, int where) {
        int site = site(agentId);             // first: it may grow the array
        stack[site] = where;
    }

    /** The one-frame stack of site {@code site}, or -1 when the recording does not say where it is. */
    int stack(int site) {
        return stack[site];
    }
}
