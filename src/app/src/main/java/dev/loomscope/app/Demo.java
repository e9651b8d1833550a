package dev.loomscope.app;

import dev.loomscope.core.jfr.RecordingException;
import dev.loomscope.core.live.LocalJvms;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo: starts the bundled pipeline sample app, running until Loomscope closes, so a
 * first-time user watches a live timeline without a program of their own. Produces the process,
 * ready to attach to.
 */
final class Demo extends Task<Process> {
    static final String SAMPLE_JAR = "loomscope-sample-pipeline.jar";
    private static final String SAMPLE_MAIN = "dev.loomscope.samples.pipeline.Pipeline";

    @Override
    protected Process call() throws Exception {
        Path jar = sampleJar();
        updateMessage("Starting the pipeline sample app...");
        updateProgress(-1, 1);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // --exit-with: the sample ends with this app, even when the app is killed and closes nothing.
        Process process = new ProcessBuilder(java.toString(), "-cp", jar.toString(), SAMPLE_MAIN, "--forever",
                "--exit-with", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            LocalJvms.awaitAttachable(process.pid(), Duration.ofSeconds(30));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        updateMessage("The pipeline sample runs as pid " + process.pid());
        return process;
    }

    /** The sample app jar of the distribution this app runs from. */
    static Path sampleJar() throws RecordingException {
        Path jar = Distribution.sample(SAMPLE_JAR);
        if (jar == null) {
            throw new RecordingException("The demo needs the sample apps of a Loomscope installation (" + SAMPLE_JAR
                    + " in its samples folder). Run it with ./loomscope demo from the source tree, or from an "
                    + "installed Loomscope.");
        }
        return jar;
    }
}
