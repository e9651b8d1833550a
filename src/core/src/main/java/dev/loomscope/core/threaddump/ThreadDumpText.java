package dev.loomscope.core.threaddump;

import dev.loomscope.core.threaddump.ThreadDump.DumpedThread;
import dev.loomscope.core.threaddump.ThreadDump.Frame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text thread dump of {@code jdk.ThreadDump} events (the {@code Thread.print} format):
 * platform threads only (it omits unmounted virtual threads), with their state, stack, the monitor
 * or synchronizer each waits for and the monitors each holds. Loomscope's settings take one at the
 * end of every chunk, so a recording knows where its platform threads were blocked at the end,
 * even a program that exited while they were stuck (JFR writes a park or monitor event only when
 * it returns).
 */
public final class ThreadDumpText {
    private static final Pattern HEADER = Pattern.compile("^\"(.*)\" #(\\d+) .*$");
    private static final Pattern STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\w+).*$");
    private static final Pattern FRAME = Pattern.compile("^\\s+at ([\\w$.<>/]+)\\.([\\w$<>]+)\\((.*)\\)$");
    private static final Pattern LOCK = Pattern.compile("^\\s+- (waiting to lock|parking to wait for|locked|waiting on)\\s+<(0x[0-9a-f]+)> \\(a ([^)]+)\\)$");

    private ThreadDumpText() {
    }

    /** The threads of {@code text}, taken at {@code time}; what does not parse is skipped. */
    public static ThreadDump parse(String text, Instant time) {
        List<DumpedThread> threads = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Found one Java-level deadlock") || line.startsWith("JNI global refs")) {
                break; // the JVM's own summaries repeat what the threads above say
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    threads.add(current.build(time));
                }
                current = new Builder(Long.parseLong(header.group(2)), header.group(1));
                continue;
            }
            if (current != null) {
                current.read(line);
            }
        }
        if (current != null) {
            threads.add(current.build(time));
        }
        return new ThreadDump(time, threads);
    }

    /** One thread's lines, read one by one. */
    private static final class Builder {
        private final long tid;
        private final String name;
        private String state = "";
        private String blocker = "";
        private final List<String> owns = new ArrayList<>();
        private final List<Frame> frames = new ArrayList<>();

        Builder(long tid, String name) {
            this.tid = tid;
            this.name = name;
        }

        void read(String line) {
            Matcher m = STATE.matcher(line);
            if (m.matches()) {
                state = m.group(1);
                return;
            }
            m = FRAME.matcher(line);
            if (m.matches()) {
                frames.add(new Frame(m.group(1), m.group(2), lineNumber(m.group(3))));
                return;
            }
            m = LOCK.matcher(line);
            if (m.matches()) {
                String lock = m.group(3) + "@" + m.group(2);
                switch (m.group(1)) {
                    case "locked" -> owns.add(lock);
                    // Object.wait released the monitor and waits for a notify, not for an owner.
                    case "waiting on" -> { }
                    default -> blocker = lock;
                }
            }
        }

        DumpedThread build(Instant time) {
            owns.remove(blocker);
            return new DumpedThread(tid, time, name, false, state, blocker, owns, frames);
        }

        /** {@code Foo.java:12} or {@code java.base@25/Foo.java:12} gives 12; anything else -1. */
        private static int lineNumber(String location) {
            int colon = location.lastIndexOf(':');
            if (colon < 0) {
                return -1;
            }
            try {
                return Integer.parseInt(location.substring(colon + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
