package dev.loomscope.core.model;

import java.util.Arrays;

/**
 * The program's calls that created futures, by the agent's site id (loomscope.CallSite): where
 * each is, as a one-frame stack read from the class file when the class loaded, and the kind of
 * future it makes. A future made at a site names it instead of carrying a stack and a kind of its
 * own; the site's CallSite may be read after the future (another thread committed it), so a
 * future keeps the site, resolved when asked.
 */
final class CallSites {
    private final LongIndex byAgentId = new LongIndex();
    private int[] stack = new int[16];
    private String[] kind = new String[16];
    private int size;

    /** The index of the agent's site {@code agentId}, added if new (where it is not known yet). */
    int site(long agentId) {
        int site = byAgentId.get(agentId);
        if (site >= 0) {
            return site;
        }
        if (size == stack.length) {
            stack = Arrays.copyOf(stack, size * 2);
            kind = Arrays.copyOf(kind, size * 2);
        }
        stack[size] = -1;
        kind[size] = "";
        byAgentId.put(agentId, size);
        return size++;
    }

    /** The agent said where site {@code agentId} is, and what it makes. */
    void located(long agentId, int where, String makes) {
        int site = site(agentId);             // first: it may grow the arrays
        stack[site] = where;
        kind[site] = makes == null ? "" : makes;
    }

    /** The one-frame stack of site {@code site}, or -1 when the recording does not say where it is. */
    int stack(int site) {
        return stack[site];
    }

    /** The kind of future site {@code site} makes, or "" when the recording does not say. */
    String kind(int site) {
        return kind[site];
    }
}
