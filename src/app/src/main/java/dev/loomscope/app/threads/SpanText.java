package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;

/** The words shown for a picked span, in the hover card and the details panel. */
public final class SpanText {
    private SpanText() {
    }

    /** A few lines: thread, state and duration, when, and where. */
    public static String hover(Timeline timeline, SpanPick pick) {
        Lane lane = timeline.lane(pick.lane());
        StringBuilder text = new StringBuilder();
        text.append(lane.displayName()).append(lane.isVirtual() ? "  (virtual)" : "  (platform)").append('\n');
        text.append(state(pick)).append("  ·  ").append(TimeFormat.duration(pick.duration())).append('\n');
        text.append(TimeFormat.instant(pick.start())).append(" → ").append(TimeFormat.instant(pick.end()));
        if (pick.merged() > 1) {
            text.append('\n').append(pick.merged()).append(" spans share this pixel; zoom in (W) to see them");
        }
        StackFrame site = timeline.stacks().site(pick.stack());
        if (site != null) {
            text.append('\n').append("at ").append(site);
        }
        return text.toString();
    }

    /** The state's label, saying when it was inferred rather than recorded. */
    public static String state(SpanPick pick) {
        return pick.inferred() ? pick.state().label() + " (inferred)" : pick.state().label();
    }
}
