package dev.loomscope.core.model;

/** One frame of a stack trace; {@code line} is -1 where the recording has no line number. */
public record StackFrame(String className, String methodName, int line) {

    /** {@code pkg.Class.method(line)}, the form used in views, filters and findings. */
    @Override
    public String toString() {
        return format(className, methodName, line);
    }

    static String format(String className, String methodName, int line) {
        return className + '.' + methodName + (line >= 0 ? "(" + line + ")" : "()");
    }
}
