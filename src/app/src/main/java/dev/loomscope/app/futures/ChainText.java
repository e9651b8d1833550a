package dev.loomscope.app.futures;

import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;

/** How futures and chains are named on screen. */
final class ChainText {
    private ChainText() {
    }

    /** "thenApply #12": how it was made, and the agent's id. */
    static String name(FutureGraph graph, int f) {
        String kind = graph.kind(f);
        return (kind.isEmpty() ? "future" : kind) + " #" + graph.agentId(f);
    }

    /** "Chain 3: 5 stages, 1 failed (never observed)". */
    static String header(FutureChains chains, int chain) {
        StringBuilder text = new StringBuilder("Chain ").append(chain + 1).append(": ")
                .append(chains.chainSize(chain)).append(chains.chainSize(chain) == 1 ? " future" : " futures");
        int failed = chains.count(chain, FutureChains.Outcome.FAILED);
        int unobserved = chains.count(chain, FutureChains.Outcome.UNOBSERVED_FAILURE);
        int pending = chains.count(chain, FutureChains.Outcome.PENDING);
        if (failed > 0) {
            text.append(", ").append(failed).append(" failed");
        }
        if (unobserved > 0) {
            text.append(", ").append(unobserved).append(" failed unobserved");
        }
        if (pending > 0) {
            text.append(", ").append(pending).append(" never completed");
        }
        return text.toString();
    }
}
