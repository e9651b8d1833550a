package dev.loomscope.core.export;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.Writer;

/**
 * One span a line, for spreadsheets and notebooks: the thread, its group, the state, when, and
 * where. Gaps (time no event explains, drawn in the lane's gap state) are lines too, marked
 * inferred, so a thread's lines cover its lifetime as the Threads view does. Written as it goes:
 * memory does not grow with the output.
 */
public final class SpanCsv {
    static final String HEADER = "thread,thread_id,virtual,group,state,inferred,start_ns,end_ns,duration_ns,site";

    private SpanCsv() {
    }

    /** Writes the spans of {@code scope} in {@code timeline}; call under the timeline's read lock if it is live. */
    public static long write(Timeline timeline, ExportScope scope, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        long lines = 0;
        for (Lane lane : timeline.lanes()) {
            if (!scope.includes(lane)) {
                continue;
            }
            String prefix = quote(lane.name()) + ',' + lane.javaThreadId() + ',' + lane.isVirtual() + ','
                    + quote(LaneGroup.patternOf(lane.name())) + ',';
            for (LaneIntervals.Interval i : LaneIntervals.of(lane, scope)) {
                StackFrame site = i.stack() < 0 ? null : timeline.stacks().site(i.stack());
                out.write(prefix);
                out.write(i.state().key());
                out.write(',');
                out.write(Boolean.toString(i.inferred()));
                out.write(',' + Long.toString(i.start()) + ',' + i.end() + ',' + (i.end() - i.start()) + ',');
                out.write(site == null ? "" : quote(site.toString()));
                out.write('\n');
                lines++;
            }
        }
        out.flush();
        return lines;
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
