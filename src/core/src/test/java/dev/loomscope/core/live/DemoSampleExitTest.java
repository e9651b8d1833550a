package dev.loomscope.core.live;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live demo's sample runs forever, so it must end with the app that started it, even when the
 * app is killed and closes nothing: {@code --exit-with PID}. The owner here is a plain process
 * killed outright, as a user's kill -9 of the app would be.
 */
class DemoSampleExitTest {

    @Test
    void theForeverPipelineEndsWhenItsOwnerIsKilled() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process sample = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.loomscope.samples.pipeline.Pipeline", "--forever", "--exit-with", Long.toString(owner.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            LocalJvms.awaitAttachable(sample.pid(), Duration.ofSeconds(60));
            assertTrue(sample.isAlive(), "the sample runs while its owner lives");
            owner.destroyForcibly().waitFor();

            assertTrue(sample.waitFor(120, TimeUnit.SECONDS), "the sample outlived its owner");
            assertEquals(0, sample.exitValue(), "it ended on purpose, not by a failure");
        } finally {
            owner.destroyForcibly();
            sample.destroyForcibly();
        }
    }
}
