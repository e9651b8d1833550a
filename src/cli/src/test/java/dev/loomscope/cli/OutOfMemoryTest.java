package dev.loomscope.cli;

import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutOfMemoryTest {
    @Test
    void runningOutOfHeapSaysHowToGiveMoreInOneLine() throws Exception {
        Path file = SampleRecordings.manyThreadsWithJdkProfile();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-cp", System.getProperty("java.class.path"), CliMain.class.getName(),
                "summary", file.toString()).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue(), err + new String(stdout, StandardCharsets.UTF_8));
        assertTrue(err.contains("Loomscope ran out of memory (its heap is"), err);
        assertTrue(err.contains("LOOMSCOPE_HEAP=8g"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(1, err.strip().lines().count(), err);
    }
}
