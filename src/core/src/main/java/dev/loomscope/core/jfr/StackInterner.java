package dev.loomscope.core.jfr;

import dev.loomscope.core.model.StackTable;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JFR stack traces into {@link StackTable} ids.
 *
 * <p>Within a chunk the JFR parser hands out the same {@link RecordedStackTrace} object for every
 * event that refers to the same stack (they come from the chunk's constant pool), so an identity
 * map answers almost every lookup without touching a frame. Only a stack object not seen before is
 * walked and interned by content. The identity map is cleared when it grows past a bound, which
 * keeps memory flat across many chunks at the price of re-interning a chunk's stacks once.
 */
final class StackInterner {
    private static final int IDENTITY_CACHE_LIMIT = 1 << 16;

    private final StackTable table;
    private final Map<RecordedStackTrace, Integer> seen = new IdentityHashMap<>();
    private final Map<RecordedStackTrace, Calling> calling = new IdentityHashMap<>();
    private int[] frameIds = new int[64];

    StackInterner(StackTable table) {
        this.table = table;
    }

    /** The stack id of {@code trace}, or -1 for none. */
    int intern(RecordedStackTrace trace) {
        if (trace == null) {
            return -1;
        }
        Integer id = seen.get(trace);
        if (id != null) {
            return id;
        }
        if (seen.size() >= IDENTITY_CACHE_LIMIT) {
            seen.clear();
        }
        int stackId = internByContent(trace);
        seen.put(trace, stackId);
        return stackId;
    }

    /**
     * The stack id of {@code trace} with a frame of {@code called} on top: a method trace's stack
     * begins at the caller, and the traced call (a queue's take, a future's join) is the frame that
     * says what the thread waited in, as a park's stack says it.
     */
    int internCalling(RecordedStackTrace trace, RecordedMethod called) {
        if (trace == null) {
            return -1;
        }
        Calling cached = calling.get(trace);
        if (cached != null && cached.method() == called) {
            return cached.stack();
        }
        if (calling.size() >= IDENTITY_CACHE_LIMIT) {
            calling.clear();
        }
        String cls = called.getType() == null ? "?" : called.getType().getName();
        int stackId = internByContent(trace, table.internFrame(cls, called.getName(), -1));
        calling.put(trace, new Calling(called, stackId));
        return stackId;
    }

    private record Calling(RecordedMethod method, int stack) {
    }

    private int internByContent(RecordedStackTrace trace) {
        return internByContent(trace, -1);
    }

    /** {@code topFrame}: a frame id to put above the trace's own, or -1. */
    private int internByContent(RecordedStackTrace trace, int topFrame) {
        List<RecordedFrame> frames = trace.getFrames();
        if (frameIds.length < frames.size() + 1) {
            frameIds = new int[frames.size() + 1];
        }
        int n = 0;
        if (topFrame >= 0) {
            frameIds[n++] = topFrame;
        }
        for (RecordedFrame frame : frames) {
            RecordedMethod method = frame.getMethod();
            if (method == null) {
                continue;
            }
            String cls = method.getType() == null ? "?" : method.getType().getName();
            frameIds[n++] = table.internFrame(cls, method.getName(), frame.getLineNumber());
        }
        return table.internStack(frameIds, n, trace.isTruncated());
    }
}
