package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Threads that belong together: same {@link Kind} and same name once the numbers are taken out,
 * so {@code pipeline-source-0..3} form one group {@code pipeline-source-#} and the
 * {@code ForkJoinPool-1-worker-N} threads another. Unnamed virtual threads form {@code (unnamed)}.
 *
 * @param name  the name pattern shared by the group's threads
 * @param kind  what kind of threads they are
 * @param lanes the lane ids of the group, in the order of the numbers in their names
 *              ({@code worker-2} before {@code worker-10}), then by start time
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LaneGroup(String name, Kind kind, List<Integer> lanes) {

    /** The three sections threads fall into, in the order views show them. */
    public enum Kind {
        VIRTUAL("virtual"),
        PLATFORM("platform"),
        /** The JVM's own threads (compiler, reference handling, JFR, ...): rarely what a person looks for. */
        JVM("jvm");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Name patterns of threads the JVM and its tools (Loomscope's agent too) start by themselves. */
    private static final Set<String> JVM_GROUPS = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Service Thread",
            "Monitor Deflation Thread", "C# CompilerThread#", "Common-Cleaner", "Notification Thread",
            "DestroyJavaVM", "VirtualThread-unblocker", "Read-Poller", "Write-Poller", "Sweeper thread",
            "process reaper", "Thread-JFR-Shutdown-Hook", "JFR Periodic Tasks", "JFR Recorder Thread",
            "JFR Shutdown Hook", "JFR Recording Scheduler", "JFR Event Stream", "JFR Recording Stream",
            "JMX server connection timeout #", "RMI TCP Accept-#", "RMI Scheduler(#)", "RMI TCP Connection(#)-#",
            "loomscope-exit-dump", "loomscope-runs-committer");

    public LaneGroup {
        lanes = lanes instanceof LaneIds ids ? ids : LaneIds.copyOf(lanes);
    }

    public boolean virtual() {
        return kind == Kind.VIRTUAL;
    }

    /**
     * Compares two names of one group by the numbers in them, left to right, as numbers of any
     * length. Called n log n times for a million lanes: no regex, no allocation.
     */
    static int compareNumbers(String a, String b) {
        int i = nextDigit(a, 0);
        int j = nextDigit(b, 0);
        while (i < a.length() && j < b.length()) {
            int iEnd = digitsEnd(a, i);
            int jEnd = digitsEnd(b, j);
            while (i < iEnd - 1 && a.charAt(i) == '0') {
                i++;
            }
            while (j < jEnd - 1 && b.charAt(j) == '0') {
                j++;
            }
            if (iEnd - i != jEnd - j) {
                return Integer.compare(iEnd - i, jEnd - j);
            }
            for (; i < iEnd; i++, j++) {
                if (a.charAt(i) != b.charAt(j)) {
                    return Character.compare(a.charAt(i), b.charAt(j));
                }
            }
            i = nextDigit(a, iEnd);
            j = nextDigit(b, jEnd);
        }
        return 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int nextDigit(String s, int from) {
        int i = from;
        while (i < s.length() && !isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether {@code threadName} falls in group {@code pattern} ({@link #patternOf}), without building its pattern. */
    static boolean fits(String threadName, String pattern) {
        if (threadName.isEmpty()) {
            return pattern.equals("(unnamed)");
        }
        int i = 0;
        int p = 0;
        while (i < threadName.length() && p < pattern.length()) {
            char c = threadName.charAt(i);
            boolean digits = isDigit(c);
            if (pattern.charAt(p) != (digits ? '#' : c)) {
                return false;
            }
            i = digits ? digitsEnd(threadName, i) : i + 1;
            p++;
        }
        return i == threadName.length() && p == pattern.length();
    }

    /**
     * The number in a name with exactly one run of digits, of at most 18 (so it fits a long), or
     * -1: ordering two such names by it is ordering them as {@link #compareNumbers} does.
     */
    static long onlyNumber(String threadName) {
        int first = nextDigit(threadName, 0);
        int end = digitsEnd(threadName, first);
        if (first == threadName.length() || end - first > 18 || nextDigit(threadName, end) != threadName.length()) {
            return -1;
        }
        return Long.parseLong(threadName, first, end, 10);
    }

    /** The group name a thread name falls in: each run of digits becomes {@code #}. */
    public static String patternOf(String threadName) {
        if (threadName.isEmpty()) {
            return "(unnamed)";
        }
        int first = nextDigit(threadName, 0);
        if (first == threadName.length()) {
            return threadName;
        }
        StringBuilder pattern = new StringBuilder(threadName.length()).append(threadName, 0, first);
        for (int i = first; i < threadName.length(); ) {
            if (isDigit(threadName.charAt(i))) {
                pattern.append('#');
                i = digitsEnd(threadName, i);
            } else {
                pattern.append(threadName.charAt(i++));
            }
        }
        return pattern.toString();
    }

    /** The kind of thread a lane is. */
    public static Kind kindOf(Lane lane) {
        return lane.isVirtual() ? Kind.VIRTUAL : kindOf(lane, patternOf(lane.name()));
    }

    static Kind kindOf(Lane lane, String pattern) {
        if (lane.isVirtual()) {
            return Kind.VIRTUAL;
        }
        return JVM_GROUPS.contains(pattern) || pattern.startsWith("JFR ") ? Kind.JVM : Kind.PLATFORM;
    }

    /**
     * Groups every thread lane of {@code timeline}: by kind in {@link Kind} order, each kind by
     * group name; lanes within a group by the numbers in their names, then by start time.
     */
    public static List<LaneGroup> of(Timeline timeline) {
        return new LaneGroups().update(timeline);
    }
}
