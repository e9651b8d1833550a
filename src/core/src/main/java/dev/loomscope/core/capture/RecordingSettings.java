package dev.loomscope.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    private static Path overlayFile;

    private RecordingSettings() {
    }

    /** {@code loomscope.jfc} as a file (JFR reads settings from files), extracted once per process. */
    public static synchronized Path overlayFile() {
        if (overlayFile == null) {
            try (InputStream in = RecordingSettings.class.getResourceAsStream(OVERLAY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(OVERLAY_RESOURCE + " is missing from the Loomscope core jar");
                }
                Path dir = Files.createTempDirectory("loomscope-settings-");
                Path file = dir.resolve(OVERLAY_RESOURCE);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                overlayFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not extract " + OVERLAY_RESOURCE, e);
            }
        }
        return overlayFile;
    }

    /**
     * The JVM option that records a program from its start into {@code output} with these settings,
     * written when the program exits; past {@code limits} the oldest data is dropped.
     */
    public static String startFlightRecordingOption(Path output, RecordingLimits limits) {
        Path target = output.toAbsolutePath();
        if (target.toString().contains(",")) {
            throw new IllegalArgumentException("The recording path must not contain a comma (the JVM option "
                    + "syntax splits on it): " + target);
        }
        return "-XX:StartFlightRecording:settings=" + BASE + ",settings=" + overlayFile()
                + ",filename=" + target + ",dumponexit=true,name=loomscope" + limits.jfrOptions();
    }
}
