package dev.loomscope.core.model;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** One frame of a stack trace; {@code line} is -1 where the recording has no line number. */
@API(status = EXPERIMENTAL, since = "0.1")
public record StackFrame(String className, String methodName, int line) {

    /**
     * Whether this frame is a pool worker waiting for its next task: {@code getTask} of a
     * {@code ThreadPoolExecutor} (the JDK's, or one of that name such as Tomcat's). A thread with
     * it on its stack is idle, and the queue it takes from is its pool's, not the program's.
     */
    public boolean waitsForTask() {
        return methodName.equals("getTask") && className.endsWith("ThreadPoolExecutor");
    }

    /** {@code pkg.Class.method(line)}, the form used in views, filters and findings. */
    @Override
    public String toString() {
        return format(className, methodName, line);
    }

    static String format(String className, String methodName, int line) {
        return className + '.' + methodName + (line >= 0 ? "(" + line + ")" : "()");
    }
}
