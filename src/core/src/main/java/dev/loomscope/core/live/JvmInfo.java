package dev.loomscope.core.live;

/**
 * What Loomscope needs to know about a local JVM before attaching to it.
 *
 * @param pid         its process id
 * @param displayName its main class or jar, with arguments, as the Attach API names it
 * @param javaVersion its {@code java.version}, or "" when it could not be asked
 * @param vendor      its {@code java.vendor}, or ""
 * @param problem     why it could not be asked (not answering, another user...), or ""
 */
public record JvmInfo(long pid, String displayName, String javaVersion, String vendor, String problem) {

    /** The JDK feature release (21, 25...), or 0 if unknown. */
    public int feature() {
        try {
            return javaVersion.isEmpty() ? 0 : Runtime.Version.parse(javaVersion).feature();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** JFR event streaming from its repository needs JDK 14. */
    public boolean canStream() {
        return feature() >= 14;
    }

    /** {@code jdk.VirtualThreadStart/End/Pinned} exist from JDK 21. */
    public boolean hasVirtualThreadEvents() {
        return feature() >= 21;
    }

    /** JEP 520 method tracing ({@code jdk.MethodTrace}) exists from JDK 25. */
    public boolean hasMethodTracing() {
        return feature() >= 25;
    }

    /** What this JVM's recordings will lack, in words, or "" when nothing. */
    public String limitations() {
        if (feature() == 0) {
            return "";
        }
        if (!canStream()) {
            return "JDK " + feature() + " cannot stream JFR events (JDK 14 or newer is needed)";
        }
        if (!hasVirtualThreadEvents()) {
            return "JDK " + feature() + " has no virtual threads: platform threads only, no carriers";
        }
        if (!hasMethodTracing()) {
            return "JDK " + feature() + " has no method tracing: no carrier intervals, virtual-thread waits "
                    + "only from pinned parks, sleeps and I/O";
        }
        return "";
    }
}
