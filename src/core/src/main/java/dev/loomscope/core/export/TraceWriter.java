package dev.loomscope.core.export;

import com.google.gson.stream.JsonWriter;
import dev.loomscope.core.model.StackFrame;

import java.io.IOException;
import java.util.List;

/** The trace-event shapes Loomscope writes, one JSON object each, onto a stream. */
final class TraceWriter {
    private final JsonWriter json;

    TraceWriter(JsonWriter json) {
        this.json = json;
    }

    void processName(int pid, String name, int order) throws IOException {
        metadata("process_name", pid, -1, "name", name);
        metadata("process_sort_index", pid, -1, "sort_index", order);
    }

    void threadName(int pid, int tid, String name, int order) throws IOException {
        metadata("thread_name", pid, tid, "name", name);
        metadata("thread_sort_index", pid, tid, "sort_index", order);
    }

    private void metadata(String what, int pid, int tid, String key, Object value) throws IOException {
        json.beginObject().name("name").value(what).name("ph").value("M").name("pid").value(pid);
        if (tid >= 0) {
            json.name("tid").value(tid);
        }
        json.name("args").beginObject().name(key);
        if (value instanceof Number n) {
            json.value(n);
        } else {
            json.value(value.toString());
        }
        json.endObject().endObject();
    }

    /** Opens a complete event; {@link #args()}, {@link #arg}s and {@link #endArgs()} may follow, then {@link #end()}. */
    void complete(String name, String category, long startNanos, long endNanos, int pid, int tid) throws IOException {
        json.beginObject().name("name").value(name).name("cat").value(category).name("ph").value("X");
        json.name("ts").jsonValue(micros(startNanos)).name("dur").jsonValue(micros(endNanos - startNanos));
        json.name("pid").value(pid).name("tid").value(tid);
    }

    void args() throws IOException {
        json.name("args").beginObject();
    }

    void arg(String key, String value) throws IOException {
        json.name(key).value(value);
    }

    void stack(List<StackFrame> frames, int max) throws IOException {
        json.name("stack").beginArray();
        for (int i = 0; i < Math.min(max, frames.size()); i++) {
            json.value(frames.get(i).toString());
        }
        if (frames.size() > max) {
            json.value("... " + (frames.size() - max) + " more");
        }
        json.endArray();
    }

    void endArgs() throws IOException {
        json.endObject();
    }

    /** Closes the event {@link #complete} opened. */
    void end() throws IOException {
        json.endObject();
    }

    /** A counter sample of one series on the scheduler process. */
    void counter(String name, long atNanos, String series, double value) throws IOException {
        json.beginObject().name("name").value(name).name("ph").value("C").name("ts").jsonValue(micros(atNanos))
                .name("pid").value(TraceEvents.SCHEDULER_PID)
                .name("args").beginObject().name(series).value(value).endObject().endObject();
    }

    /** One end of a flow arrow: {@code start} leaves the slice around it, the end arrives at the slice around it. */
    void flow(boolean start, long id, String name, String category, long atNanos, int pid, int tid) throws IOException {
        json.beginObject().name("name").value(name).name("cat").value(category).name("ph").value(start ? "s" : "f")
                .name("id").value(id).name("ts").jsonValue(micros(atNanos)).name("pid").value(pid).name("tid").value(tid);
        if (!start) {
            json.name("bp").value("e");
        }
        json.endObject();
    }

    /** Nanoseconds as microseconds with three decimals: exact, and never in exponent notation. */
    static String micros(long nanos) {
        long whole = nanos / 1000;
        int fraction = (int) (nanos % 1000);
        return whole + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }
}
