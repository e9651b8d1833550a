package dev.loomscope.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void jsonFollowsTheDocumentedSchema() {
        int code = cli.run("analyze", SampleRecordings.pipeline().toString(), "--json");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject recording = doc.getAsJsonObject("recording");
        assertTrue(recording.get("durationNanos").getAsLong() > 0);
        JsonArray findings = doc.getAsJsonArray("findings");
        JsonObject backpressure = findings.asList().stream().map(e -> e.getAsJsonObject())
                .filter(f -> f.get("kind").getAsString().equals("backpressure")).findFirst().orElseThrow();
        assertEquals("high", backpressure.get("severity").getAsString());
        for (String field : new String[] {"kind", "severity", "message", "startNanos", "endNanos", "threads", "site", "details"}) {
            assertTrue(backpressure.has(field), field);
        }
        assertTrue(backpressure.getAsJsonArray("threads").asList().stream()
                .anyMatch(t -> t.getAsString().equals("pipeline-sink")));
        assertTrue(backpressure.get("site").getAsString().startsWith("dev.loomscope.samples.pipeline.Pipeline.produce("));
    }

    @Test
    void failOnGatesTheExitCode() {
        String file = SampleRecordings.pipeline().toString();
        assertEquals(1, cli.run("analyze", file, "--fail-on", "high"), "a high backpressure finding trips it");
        assertEquals(0, cli.run("analyze", file, "--fail-on", "critical"));
        // At info or low a healthy run may hold what a slow machine shows (the JDK loading a class on
        // first use while a virtual thread held its carrier): nothing a CI gate at medium should trip on.
        assertEquals(0, cli.run("analyze", SampleRecordings.healthy().toString(), "--fail-on", "medium"),
                "the healthy sample has nothing at medium or above");
    }

    @Test
    void textNamesEachFindingAndSettingsChangeThem() {
        cli.run("analyze", SampleRecordings.pipeline().toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[high] backpressure"), text);
        out.reset();
        cli.run("analyze", SampleRecordings.pipeline().toString(), "--set", "backpressure.minShare=101");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("] backpressure"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsSayWhatIsExpected() {
        assertEquals(2, cli.run("analyze", "x.jfr", "--fail-on", "dire"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a severity is one of"));
        assertEquals(2, cli.run("analyze", "x.jfr", "--set", "nonsense"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("KEY=VALUE"));
    }
}
