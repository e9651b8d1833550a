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

    private int internByContent(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        if (frameIds.length < frames.size()) {
            frameIds = new int[frames.size()];
        }
        int n = 0;
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
