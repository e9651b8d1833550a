package dev.loomscope.core.model;

/**
 * Where a channel (a blocking queue) was created, as a person means it: the program's frame that
 * asked for it, or the JDK when the JDK made the queue for itself.
 *
 * <p>The creating stack (the agent's {@code ChannelCreated}, committed in the constructor) reads,
 * top first: the agent's hook, never a site; the queue's constructors (one may delegate to
 * another); the frame that called {@code new}, the creator; then its callers. A creator in the
 * program's code is the site. A creator in the JDK made the queue either
 * <ul>
 * <li>for the program, which called a JDK method a few frames up ({@value #NEAR} at most): the
 *     site is that program frame, "via" the creator;</li>
 * <li>or for itself: an executor's work queue ({@code Executors.newCachedThreadPool},
 *     {@code ThreadPoolExecutor}, {@code ForkJoinPool}...), even when the program asked for the
 *     executor, or a queue with no program frame near (the process reaper's pool, which the JDK
 *     creates when a thread dump first asks for the pid). Such a queue is JDK-internal.</li>
 * </ul>
 *
 * @param text        what views show: {@code Foo.bar(12)}, {@code Foo.bar(12) (via X.y)}, or
 *                    {@code JDK-internal (Executors.newCachedThreadPool, for Foo.bar(12))}
 * @param program     the program's frame that led to the creation, or null
 * @param jdkInternal whether the queue is the JDK's own
 */
public record CreationSite(String text, StackFrame program, boolean jdkInternal) {
    /** How many frames below the JDK creator a program frame may be for the queue to be the program's. */
    static final int NEAR = 4;

    /** The creation site of stack {@code stackId} (a channel's {@link Channel#createdStack()}), or null for none. */
    public static CreationSite of(StackTable stacks, int stackId) {
        if (stackId < 0 || stacks.depth(stackId) == 0) {
            return null;
        }
        int depth = stacks.depth(stackId);
        int i = 0;
        while (i < depth && StackTable.isAgent(stacks.frame(stackId, i).className())) {
            i++;
        }
        while (i < depth && isQueueConstructor(stacks.frame(stackId, i))) {
            i++;
        }
        if (i == depth) {
            return new CreationSite("(the stack ends in the queue's constructor)", null, false);
        }
        StackFrame creator = stacks.frame(stackId, i);
        if (isProgram(creator)) {
            return new CreationSite(creator.toString(), creator, false);
        }
        int program = i + 1;
        while (program < depth && !isProgram(stacks.frame(stackId, program))) {
            program++;
        }
        StackFrame site = program < depth ? stacks.frame(stackId, program) : null;
        if (site != null && program - i <= NEAR && !isExecutor(creator.className())) {
            return new CreationSite(site + " (via " + shortName(creator) + ")", site, false);
        }
        String why = shortName(creator);
        if (site != null) {
            why += ", for " + site;
        } else {
            // Who in the JDK: the first frame past java.util.concurrent's (ProcessHandleImpl.initReaper).
            for (int k = i + 1; k < depth; k++) {
                StackFrame frame = stacks.frame(stackId, k);
                if (!frame.className().startsWith("java.util.concurrent.")) {
                    why += ", in " + shortName(frame);
                    break;
                }
            }
        }
        return new CreationSite("JDK-internal (" + why + ")", site, true);
    }

    /** A constructor of a java.util.concurrent queue or deque, or of one of their inner classes. */
    private static boolean isQueueConstructor(StackFrame frame) {
        String cls = frame.className();
        return frame.methodName().equals("<init>") && cls.startsWith("java.util.concurrent.")
                && (cls.contains("Queue") || cls.contains("Deque"));
    }

    private static boolean isExecutor(String className) {
        return className.startsWith("java.util.concurrent.")
                && (className.contains("Executor") || className.contains("ForkJoinPool"));
    }

    private static boolean isProgram(StackFrame frame) {
        return !StackTable.isJdk(frame.className()) && !frame.className().contains("$$Lambda");
    }

    /** {@code Executors.newCachedThreadPool}: the class's simple name and the method. */
    private static String shortName(StackFrame frame) {
        String cls = frame.className();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.methodName();
    }
}
