package dev.loomscope.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * Loomscope's JFR settings: the JDK's {@code default} configuration with Loomscope's own
 * {@code loomscope.jfc} layered on top (the tier-0 events of DESIGN.md section 3). Everything that
 * records (the demo, {@code loomscope record}, live attach, the tests) takes its settings here, so
 * there is one definition of what a Loomscope recording holds.
 *
 * <p>Only one base is layered: the JDK refuses {@code settings=default,settings=profile} plus an
 * overlay ("declared in multiple files").
 */
public final class RecordingSettings {
    /** The JDK configuration the overlay is layered on. */
    public static final String BASE = "default";
    private static final String OVERLAY_RESOURCE = "loomscope.jfc";

    /**
     * The method traces that give carriers' busy intervals without the agent. With the agent they
     * are dropped, and so are the virtual-thread start and end events: its batched runs say the
     * same, name the thread that ran, and commit nothing on the virtual threads (docs/capture.md).
     */
    static final String CARRIER_TRACES = "java.lang.VirtualThread::runContinuation;java.lang.VirtualThread::unmount;";

    /**
     * With the agent, the waits whose stack is taken: the agent's runs already hold every park of a
     * virtual thread, its time and its reason, so a method trace (or a sleep event) adds only the
     * stack that says where; committed on a short-lived virtual thread, with its stack, that event
     * was two thirds of the default capture's cost (docs/capture.md). Waits this long or longer
     * keep their stack; shorter ones are drawn as waits with no site.
     */
    static final String SITE_THRESHOLD = "10 ms";

    /**
     * With the agent, the only methods traced: a virtual thread's park, whose stack names the
     * blocking call it is in (the queue's {@code take}, the future's {@code join}), as a platform
     * thread's {@code jdk.ThreadPark} does. Tracing the queue and future calls too said nothing
     * more and cost every call, blocked or not, two clock reads: 6 % of a pipeline's throughput,
     * for items that never waited 10 ms (docs/capture.md).
     */
    static final String AGENT_TRACED = "java.lang.VirtualThread::park;java.lang.VirtualThread::parkNanos";

    private static Path overlayFile;
    private static Path agentOverlayFile;

    private RecordingSettings() {
    }

    /** {@code loomscope.jfc} as a file (JFR reads settings from files), extracted once per process. */
    public static Path overlayFile() {
        return overlayFile(false);
    }

    /**
     * The overlay for a capture with the Loomscope agent loaded ({@code withAgent}): without the
     * carrier method traces, which the agent's events replace; or for one without it.
     */
    public static synchronized Path overlayFile(boolean withAgent) {
        if (withAgent ? agentOverlayFile == null : overlayFile == null) {
            try (InputStream in = RecordingSettings.class.getResourceAsStream(OVERLAY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(OVERLAY_RESOURCE + " is missing from the Loomscope core jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!text.contains(CARRIER_TRACES)) {
                    throw new IllegalStateException(OVERLAY_RESOURCE + " no longer traces the carriers as expected");
                }
                Path dir = Files.createTempDirectory("loomscope-settings-");
                Path file = dir.resolve(withAgent ? "loomscope-agent.jfc" : OVERLAY_RESOURCE);
                Files.writeString(file, withAgent ? forAgent(text) : text, StandardCharsets.UTF_8);
                dir.toFile().deleteOnExit();      // deleted in reverse order: the file first, then its emptied directory
                file.toFile().deleteOnExit();
                if (withAgent) {
                    agentOverlayFile = file;
                } else {
                    overlayFile = file;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not extract " + OVERLAY_RESOURCE, e);
            }
        }
        return withAgent ? agentOverlayFile : overlayFile;
    }

    /**
     * The overlay without what the agent's carrier runs say instead (carrier traces, lifetimes), with
     * the stacks of short waits left to the runs ({@link #SITE_THRESHOLD}), and only the parks traced
     * ({@link #AGENT_TRACED}).
     */
    private static String forAgent(String text) {
        String result = tracing(text, AGENT_TRACED);
        for (String event : List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd")) {
            result = change(result, event, "<setting name=\"enabled\">true</setting>",
                    "<setting name=\"enabled\">false</setting>");
        }
        result = change(result, "jdk.MethodTrace", "<setting name=\"threshold\">0 ms</setting>",
                "<setting name=\"threshold\">" + SITE_THRESHOLD + "</setting>");
        return change(result, "jdk.ThreadSleep", "<setting name=\"threshold\">1 ms</setting>",
                "<setting name=\"threshold\">" + SITE_THRESHOLD + "</setting>");
    }

    /** {@code text} with the method-trace filter replaced by {@code filter}. */
    private static String tracing(String text, String filter) {
        String open = "<setting name=\"filter\">";
        int start = text.indexOf(open, text.indexOf("<event name=\"jdk.MethodTrace\">"));
        int end = start < 0 ? -1 : text.indexOf("</setting>", start);
        if (end < 0) {
            throw new IllegalStateException(OVERLAY_RESOURCE + " no longer has a filter for jdk.MethodTrace");
        }
        return text.substring(0, start + open.length()) + filter + text.substring(end);
    }

    /** {@code text} with one setting of {@code event} changed; fails when the shipped file no longer has it. */
    private static String change(String text, String event, String from, String to) {
        String open = "<event name=\"" + event + "\">";
        int start = text.indexOf(open);
        int end = start < 0 ? -1 : text.indexOf("</event>", start);
        int at = end < 0 ? -1 : text.indexOf(from, start);
        if (at < 0 || at > end) {
            throw new IllegalStateException(OVERLAY_RESOURCE + " no longer has " + from + " for " + event);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /**
     * The JVM option that records a program from its start into {@code output} with these settings,
     * written when the program exits; past {@code limits} the oldest data is dropped.
     * {@code withAgent}: the program loads the Loomscope agent ({@link #overlayFile(boolean)}).
     */
    public static String startFlightRecordingOption(Path output, RecordingLimits limits, boolean withAgent) {
        Path target = output.toAbsolutePath();
        if (target.toString().contains(",")) {
            throw new IllegalArgumentException("The recording path must not contain a comma (the JVM option "
                    + "syntax splits on it): " + target);
        }
        return "-XX:StartFlightRecording:settings=" + BASE + ",settings=" + overlayFile(withAgent)
                + ",filename=" + target + ",dumponexit=true,name=loomscope" + limits.jfrOptions();
    }
}
