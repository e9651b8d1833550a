package dev.loomscope.app;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.jfr.RecordingException;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo: runs the bundled pipeline sample under a Loomscope recording for a few seconds, so a
 * first-time user sees a real timeline without a program of their own. Produces the recording.
 */
final class Demo extends Task<Path> {
    static final String SAMPLE_JAR = "loomscope-sample-pipeline.jar";
    private static final String SAMPLE_MAIN = "dev.loomscope.samples.pipeline.Pipeline";

    @Override
    protected Path call() throws Exception {
        Path jar = sampleJar();
        updateMessage("Running the pipeline sample app under JFR for about 4 s...");
        updateProgress(-1, 1);
        Path out = Files.createTempDirectory("loomscope-demo-").resolve("pipeline-demo.jfr");
        ProgramRecorder.Result result = ProgramRecorder.record(
                List.of("-cp", jar.toString(), SAMPLE_MAIN, "--items", "800", "--sink-millis", "5"),
                out, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new RecordingException("The demo sample app failed (exit code " + result.exitCode() + "):\n"
                    + result.output());
        }
        return result.recording();
    }

    /** The sample app jar of the distribution this app runs from. */
    static Path sampleJar() throws RecordingException {
        String home = System.getProperty("loomscope.home");
        Path jar = home == null ? null : Path.of(home, "samples", SAMPLE_JAR);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new RecordingException("The demo needs the sample apps of a Loomscope distribution ("
                    + SAMPLE_JAR + " under " + (home == null ? "loomscope.home, which is not set" : home + "/samples")
                    + "). Run it with ./loomscope demo from the source tree, or from an installed Loomscope.");
        }
        return jar;
    }
}
