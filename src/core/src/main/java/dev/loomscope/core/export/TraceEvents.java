package dev.loomscope.core.export;

import com.google.gson.stream.JsonWriter;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A recording as Chrome trace-event JSON, which Perfetto UI (ui.perfetto.dev) and
 * {@code chrome://tracing} open: a process per thread group (and one for the carriers and the
 * counters), a track per thread with its name, each span a complete event ({@code "ph":"X"}) with
 * its site and stack, the carriers' runs named by the virtual thread they ran, counters for busy
 * carriers, runnable virtual threads and queue sizes, and flow arrows for who unblocked whom on a
 * queue and for future dependencies. Times are microseconds since the recording start, written
 * with three decimals so nanoseconds survive. Streamed: memory does not grow with the output.
 * docs/cli.md says what maps to what.
 */
public final class TraceEvents {
    /** The process of the carriers and of every counter. */
    static final int SCHEDULER_PID = 1;
    private static final int MAX_FRAMES = 8;

    /** What was written: events of each kind. */
    public record Written(long spans, long carrierRuns, long counters, long flows) {
    }

    private final Timeline timeline;
    private final ExportScope scope;
    private final TraceWriter out;
    /** The process of each included thread lane, by lane id; 0 when left out. */
    private final int[] pidOf;
    private long spans;
    private long carrierRuns;

    private TraceEvents(Timeline timeline, ExportScope scope, JsonWriter json) {
        this.timeline = timeline;
        this.scope = scope;
        this.out = new TraceWriter(json);
        this.pidOf = new int[timeline.laneCount()];
    }

    /** Writes {@code scope} of {@code timeline} to {@code out}; call under the timeline's read lock if it is live. */
    public static Written write(Timeline timeline, ExportScope scope, Writer out) throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("displayTimeUnit").value("ms");
        json.name("otherData").beginObject()
                .name("source").value(timeline.info().source())
                .name("exporter").value("Loomscope")
                .name("rangeNanos").value(scope.from() + ":" + scope.to())
                .endObject();
        json.name("traceEvents").beginArray();
        TraceEvents export = new TraceEvents(timeline, scope, json);
        export.threads();
        export.carriers();
        long counters = new TraceCounters(timeline, scope, export.out).write();
        long flows = new TraceFlows(timeline, scope, export.out, export.pidOf).write();
        json.endArray();
        json.endObject();
        json.flush();
        return new Written(export.spans, export.carrierRuns, counters, flows);
    }

    /** A process per thread group, in the order views show them; a track per included thread. */
    private void threads() throws IOException {
        int pid = SCHEDULER_PID;
        for (LaneGroup group : LaneGroup.of(timeline)) {
            List<Lane> lanes = group.lanes().stream().map(timeline::lane).filter(scope::includes).toList();
            if (lanes.isEmpty()) {
                continue;
            }
            pid++;
            out.processName(pid, group.kind().label() + ": " + group.name(), pid);
            int order = 0;
            for (Lane lane : lanes) {
                pidOf[lane.id()] = pid;
                out.threadName(pid, tid(lane), lane.displayName(), order++);
                lane(pid, lane);
            }
        }
    }

    /** A lane's intervals; gaps are {@code cat: inferred} with no args (most of a big export: kept small). */
    private void lane(int pid, Lane lane) throws IOException {
        for (LaneIntervals.Interval i : LaneIntervals.of(lane, scope)) {
            out.complete(i.state().label(), i.inferred() ? "inferred" : "recorded", i.start(), i.end(), pid, tid(lane));
            String link = link(lane, i);
            if (i.stack() >= 0 || link != null) {
                out.args();
                if (i.stack() >= 0) {
                    var site = timeline.stacks().site(i.stack());
                    if (site != null) {
                        out.arg("site", site.toString());
                    }
                    out.stack(timeline.stacks().frames(i.stack()), MAX_FRAMES);
                }
                if (link != null) {
                    out.arg("on", link);
                }
                out.endArgs();
            }
            out.end();
            spans++;
        }
    }

    /** What a span waited on or ran on, in words, or null. */
    private String link(Lane lane, LaneIntervals.Interval i) {
        if (i.link() < 0) {
            return null;
        }
        return switch (i.state()) {
            case RUNNING -> i.link() < timeline.carrierLanes().size()
                    ? "carrier " + timeline.carrierLanes().get(i.link()).displayName() : null;
            case BLOCKED_SEND, BLOCKED_RECV -> i.link() < timeline.channels().size()
                    ? "queue " + timeline.channels().get(i.link()).simpleName() + " #" + i.link() : null;
            case BLOCKED_LOCK -> timeline.blocker(i.link());
            default -> null;
        };
    }

    /** The carriers' runs, each named by the virtual thread it ran (when the recording says). */
    private void carriers() throws IOException {
        out.processName(SCHEDULER_PID, "carriers and counters", 0);
        List<Lane> carriers = timeline.carrierLanes();
        for (int c = 0; c < carriers.size(); c++) {
            Lane carrier = carriers.get(c);
            out.threadName(SCHEDULER_PID, c + 1, carrier.displayName(), c);
            for (int i = carrier.firstSpanEndingAfter(scope.from()); i < carrier.spanCount()
                    && carrier.spanStart(i) < scope.to(); i++) {
                int ran = carrier.spanLink(i);
                Lane thread = ran >= 0 ? timeline.lane(ran) : null;
                if (scope.threads() != null && (thread == null || pidOf[ran] == 0)) {
                    continue;
                }
                long start = Math.max(scope.from(), carrier.spanStart(i));
                long end = Math.min(scope.to(), carrier.spanEnd(i));
                out.complete(thread == null ? "a virtual thread" : thread.displayName(), "carrier", start, end,
                        SCHEDULER_PID, c + 1);
                if (thread != null) {
                    out.args();
                    out.arg("virtualThread", thread.displayName());
                    out.endArgs();
                }
                out.end();
                carrierRuns++;
            }
        }
    }

    /** Thread ids: the lane's id plus one (0 means no thread to some viewers). */
    static int tid(Lane lane) {
        return lane.id() + 1;
    }
}
