package dev.loomscope.core.testing;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;

import java.util.List;

/** What a model shows of the full agent's park sites, for tests of the agent and of the recorder. */
public final class ParkSites {
    private ParkSites() {
    }

    /**
     * Whether some virtual thread's park is placed at a blocking call of a class whose name starts
     * with {@code classPrefix}: drawn blocked with the two frames of its site (the blocking method
     * above the line that called it), not a stack.
     */
    public static boolean placed(Timeline timeline, String classPrefix) {
        for (int l = 0; l < timeline.laneCount(); l++) {
            Lane lane = timeline.lane(l);
            for (int i = 0; lane.isVirtual() && i < lane.spanCount(); i++) {
                int stack = lane.spanStack(i);
                List<StackFrame> frames = stack < 0 ? List.of() : timeline.stacks().frames(stack);
                if (lane.spanState(i).isBlocked() && frames.size() == 2
                        && frames.get(1).className().startsWith(classPrefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
