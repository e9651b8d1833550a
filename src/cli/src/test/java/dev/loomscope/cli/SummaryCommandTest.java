package dev.loomscope.cli;

import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void summaryOfThePipelineNamesItsGroupsAndTheirBlockedTime() {
        int code = cli.run("summary", SampleRecordings.pipeline().toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("Length "), text);
        assertTrue(text.matches("(?s).*Threads\\s+6 virtual, \\d+ platform.*"), "4 sources + 2 transforms:\n" + text);
        String sources = text.lines().filter(l -> l.startsWith("pipeline-source-#")).findFirst().orElseThrow();
        assertTrue(sources.contains("virtual") && sources.contains(" 4 "), sources);
        assertTrue(text.contains("BLOCKED_SEND"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("pipeline-sink") && l.contains("platform")), text);
    }

    @Test
    void aBadFileIsOneClearLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.jfr"), "hello");
        int code = cli.run("summary", file.toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a JFR recording"));
    }

    @Test
    void unknownUsagePrintsUsage() {
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage"));
    }
}
