package dev.loomscope.core.testing;

import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Timeline;

/** What a model shows of the full agent's future call sites, for tests of the agent. */
public final class FutureSites {
    private FutureSites() {
    }

    /**
     * Whether some future was made at a call of a class whose name starts with {@code classPrefix}
     * that the agent found: its creation is that one frame, not a stack taken at the creation.
     */
    public static boolean placed(Timeline timeline, String classPrefix) {
        FutureGraph graph = timeline.futures();
        for (int f = 0; f < graph.size(); f++) {
            int stack = graph.created(f) == Long.MIN_VALUE ? -1 : graph.createdStack(f);
            if (stack >= 0 && timeline.stacks().depth(stack) == 1
                    && timeline.stacks().frame(stack, 0).className().startsWith(classPrefix)) {
                return true;
            }
        }
        return false;
    }
}
