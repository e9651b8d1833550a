package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Every distinct stack trace of a recording, stored once; spans refer to them by id.
 *
 * <p>Methods, frames (method + line) and stacks (frame sequences, top frame first) are each
 * interned, so a recording with millions of events holds only its few thousand distinct stacks.
 * Ids are dense and stable: stack {@code i} is the {@code i}-th distinct stack interned.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StackTable {
    /** The Loomscope agent's code: its hooks run inside the JDK's methods; never a site. */
    private static final String AGENT_PACKAGE = "dev.loomscope.agent.";
    /** Code that is not the program's: the JDK's, and the Loomscope agent's hooks inside it. */
    private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", AGENT_PACKAGE};

    private final List<String> methodClass = new ArrayList<>();
    private final List<String> methodName = new ArrayList<>();
    private final Map<String, Integer> methodIds = new HashMap<>();

    private int[] frameMethod = new int[256];
    private int[] frameLine = new int[256];
    private int frameCount;
    private final Map<Long, Integer> frameIds = new HashMap<>();

    private int[] stackOffset = new int[257];
    private int[] stackFrames = new int[1024];
    private final BitSet truncated = new BitSet();
    private int stackCount;
    private final Map<FrameSequence, Integer> stackIds = new HashMap<>();

    /** The number of distinct stacks. */
    public int size() {
        return stackCount;
    }

    /** The number of frames of stack {@code stackId}. */
    public int depth(int stackId) {
        return stackOffset[stackId + 1] - stackOffset[stackId];
    }

    /** Frame {@code index} of a stack, 0 being the top (innermost) frame. */
    public StackFrame frame(int stackId, int index) {
        int frame = stackFrames[stackOffset[stackId] + index];
        int method = frameMethod[frame];
        return new StackFrame(methodClass.get(method), methodName.get(method), frameLine[frame]);
    }

    /** All frames of a stack, top first. */
    public List<StackFrame> frames(int stackId) {
        int depth = depth(stackId);
        List<StackFrame> result = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            result.add(frame(stackId, i));
        }
        return result;
    }

    /** True if JFR cut this stack at its depth limit, so its outermost frames are missing. */
    public boolean isTruncated(int stackId) {
        return truncated.get(stackId);
    }

    /**
     * The frame a person means by "where": the innermost frame of the program's own code (its call
     * into {@code take}, {@code join}, ...), past the JDK's frames and the hidden classes of lambdas
     * ({@code Foo$$Lambda.0x...}, whose names change from run to run), or, if there is no such
     * frame, the top frame that is neither a lambda's nor the Loomscope agent's (the agent commits its events from its
     * hooks, so their top frames are its own: they are never where the program was). Returns null
     * for an empty stack, a stack of agent frames only, or {@code stackId < 0}. A channel's creation
     * site is {@link CreationSite}'s.
     */
    public StackFrame site(int stackId) {
        if (stackId < 0 || depth(stackId) == 0) {
            return null;
        }
        int depth = depth(stackId);
        for (int i = 0; i < depth; i++) {
            StackFrame frame = frame(stackId, i);
            if (!isJdk(frame.className()) && !frame.className().contains("$$Lambda")) {
                return frame;
            }
        }
        StackFrame fallback = null;
        for (int i = 0; i < depth; i++) {
            StackFrame frame = frame(stackId, i);
            if (!isAgent(frame.className())) {
                if (!frame.className().contains("$$Lambda")) {
                    return frame;
                }
                fallback = fallback == null ? frame : fallback;
            }
        }
        return fallback;
    }

    /** The ids of the stacks that have a frame whose {@link StackFrame#toString()} matches. */
    public BitSet stacksMatching(Pattern pattern) {
        BitSet frames = new BitSet(frameCount);
        for (int f = 0; f < frameCount; f++) {
            int method = frameMethod[f];
            String text = StackFrame.format(methodClass.get(method), methodName.get(method), frameLine[f]);
            if (pattern.matcher(text).find()) {
                frames.set(f);
            }
        }
        BitSet result = new BitSet(stackCount);
        for (int s = 0; s < stackCount; s++) {
            for (int k = stackOffset[s]; k < stackOffset[s + 1]; k++) {
                if (frames.get(stackFrames[k])) {
                    result.set(s);
                    break;
                }
            }
        }
        return result;
    }

    /** Whether {@code className} is the Loomscope agent's. */
    static boolean isAgent(String className) {
        return className.startsWith(AGENT_PACKAGE);
    }

    static boolean isJdk(String className) {
        for (String prefix : JDK_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    // ---- writing: ingest only ----

    /** Interns one frame and returns its id. */
    public int internFrame(String className, String method, int line) {
        String key = className + '#' + method;
        Integer methodId = methodIds.get(key);
        if (methodId == null) {
            methodId = methodClass.size();
            methodClass.add(className);
            methodName.add(method);
            methodIds.put(key, methodId);
        }
        long frameKey = ((long) methodId << 32) | (line & 0xffff_ffffL);
        Integer frameId = frameIds.get(frameKey);
        if (frameId == null) {
            frameId = frameCount;
            if (frameCount == frameMethod.length) {
                frameMethod = Arrays.copyOf(frameMethod, frameCount * 2);
                frameLine = Arrays.copyOf(frameLine, frameCount * 2);
            }
            frameMethod[frameCount] = methodId;
            frameLine[frameCount] = line;
            frameCount++;
            frameIds.put(frameKey, frameId);
        }
        return frameId;
    }

    /** Interns a stack given its frame ids, top first, and returns its id. */
    public int internStack(int[] frameIds, int length, boolean isTruncated) {
        FrameSequence key = new FrameSequence(Arrays.copyOf(frameIds, length));
        Integer existing = stackIds.get(key);
        if (existing != null) {
            return existing;
        }
        int id = stackCount;
        int offset = stackOffset[id];
        if (offset + length > stackFrames.length) {
            stackFrames = Arrays.copyOf(stackFrames, Math.max(stackFrames.length * 2, offset + length));
        }
        System.arraycopy(frameIds, 0, stackFrames, offset, length);
        if (id + 2 > stackOffset.length) {
            stackOffset = Arrays.copyOf(stackOffset, stackOffset.length * 2);
        }
        stackOffset[id + 1] = offset + length;
        truncated.set(id, isTruncated);
        stackCount++;
        stackIds.put(key, id);
        return id;
    }

    /** Heap bytes of the interned frames and stacks, roughly, for the memory budget. */
    long retainedBytes() {
        return 4L * (frameMethod.length + frameLine.length + stackOffset.length + stackFrames.length)
                + 64L * (methodClass.size() + frameIds.size() + stackIds.size());
    }

    /** An int sequence with value equality, the key of the stack intern map. */
    private record FrameSequence(int[] frames) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FrameSequence other && Arrays.equals(frames, other.frames);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frames);
        }
    }
}
