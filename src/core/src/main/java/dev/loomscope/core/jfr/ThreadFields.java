package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedThread;

/**
 * What ingest reads of a thread the first time it meets it, read by position ({@link FieldSlots}):
 * a recording of a million short-lived threads meets a million, and {@link RecordedThread}'s own
 * getters look each field up by name, twice. The values are those of its getters.
 */
final class ThreadFields {
    private static final int JAVA_THREAD_ID = 0;
    private static final int JAVA_NAME = 1;
    private static final int VIRTUAL = 2;
    private static final int OS_THREAD_ID = 3;

    private FieldSlots slots;

    /** As {@link RecordedThread#getJavaThreadId()}: -1 when it has none. */
    long javaThreadId(RecordedThread thread) {
        long id = slots(thread).has(JAVA_THREAD_ID) ? slots.getLong(thread, JAVA_THREAD_ID) : -1;
        return id == 0 ? -1 : id;
    }

    /** As {@link RecordedThread#getJavaName()}. */
    String javaName(RecordedThread thread) {
        return slots(thread).has(JAVA_NAME) ? slots.getString(thread, JAVA_NAME) : null;
    }

    /** As {@link RecordedThread#isVirtual()}: false in recordings from before virtual threads. */
    boolean isVirtual(RecordedThread thread) {
        return slots(thread).has(VIRTUAL) && slots.getBoolean(thread, VIRTUAL);
    }

    /** As {@link RecordedThread#getOSThreadId()}: -1 for a virtual thread or when it has none. */
    long osThreadId(RecordedThread thread) {
        if (isVirtual(thread) || !slots.has(OS_THREAD_ID)) {
            return -1;
        }
        return slots.getLong(thread, OS_THREAD_ID);
    }

    private FieldSlots slots(RecordedThread thread) {
        if (slots == null || !slots.fits(thread)) {
            slots = new FieldSlots(thread, "javaThreadId", "javaName", "virtual", "osThreadId");
        }
        return slots;
    }
}
