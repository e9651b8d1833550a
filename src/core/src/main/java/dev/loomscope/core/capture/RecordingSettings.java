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
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
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

    /** The overlay without what the agent's carrier runs say instead: carrier traces, lifetimes. */
    private static String forAgent(String text) {
        String result = text.replace(CARRIER_TRACES, "");
        for (String event : List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd")) {
            String on = "<event name=\"" + event + "\">\n    <setting name=\"enabled\">true</setting>";
            if (!result.contains(on)) {
                throw new IllegalStateException(OVERLAY_RESOURCE + " no longer enables " + event + " as expected");
            }
            result = result.replace(on, on.replace("true", "false"));
        }
        return result;
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
