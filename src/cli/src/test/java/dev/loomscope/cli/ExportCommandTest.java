package dev.loomscope.cli;

import com.google.gson.JsonParser;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void exportsATraceForPerfettoAndSaysHowToOpenIt(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("pipeline.json");
        int code = cli.run("export", SampleRecordings.pipeline().toString(), "-o", json.toString(), "--threads", "pipeline-");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("Wrote " + json) && said.contains("ui.perfetto.dev"), said);
        assertTrue(JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("traceEvents").size() > 100);
    }

    @Test
    void theFormatFollowsTheExtension(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pipeline.csv");
        assertEquals(0, cli.run("export", SampleRecordings.pipeline().toString(), "-o", csv.toString(), "--range", "0:0.5"));
        assertTrue(Files.readAllLines(csv).getFirst().startsWith("thread,thread_id,virtual,group,state"));
    }

    @Test
    void badArgumentsSayWhatIsExpectedAndLeaveNoFile(@TempDir Path dir) {
        Path target = dir.resolve("x.json");
        assertEquals(2, cli.run("export", SampleRecordings.pipeline().toString(), "-o", target.toString(), "--format", "xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format is perfetto or csv"));
        assertEquals(2, cli.run("export", SampleRecordings.pipeline().toString(), "-o", target.toString(), "--threads", "(("));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--threads takes a regular expression"));
        assertEquals(2, cli.run("export", SampleRecordings.pipeline().toString(), "-o", target.toString(), "--range", "2:1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--range takes FROM:TO"));
        assertFalse(Files.exists(target), "nothing half-written");
    }
}
