package dev.loomscope.cli;

import dev.loomscope.core.testing.SampleRecordings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

    /**
     * The JSON a script reads: per group, nanoseconds per state under the states' lower-case
     * names, adding up to the group's lifetime. Tier 0 never has a virtual thread running; the
     * 0.1 ms sleeps of a swamped scheduler sum to what they asked for, the rest is a wait.
     */
    @Test
    void summaryJsonGivesTimePerStatePerGroupInNanoseconds() {
        int code = cli.run("summary", SampleRecordings.manyThreadsWithJdkProfile().toString(), "--json");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(doc.getAsJsonObject("recording").get("durationNanos").getAsLong() > 0);
        assertTrue(doc.getAsJsonObject("carriers").get("parallelism").getAsInt() >= 1);
        JsonObject generators = null;
        for (var group : doc.getAsJsonArray("groups")) {
            JsonObject g = group.getAsJsonObject();
            long sum = 0;
            for (var entry : g.getAsJsonObject("nanos").entrySet()) {
                sum += entry.getValue().getAsLong();
            }
            assertEquals(g.get("lifetimeNanos").getAsLong(), sum, g.get("name").getAsString());
            if (g.get("name").getAsString().equals("gen-#")) {
                generators = g;
            }
        }
        assertTrue(generators != null, "the gen-# group");
        assertEquals("virtual", generators.get("kind").getAsString());
        JsonObject nanos = generators.getAsJsonObject("nanos");
        assertEquals(0, nanos.get("running").getAsLong(), "no virtual thread is known to run without the agent");
        long threads = generators.get("threads").getAsLong();
        assertTrue(nanos.get("sleeping").getAsLong() <= threads * 100_000L, nanos.toString());
        assertTrue(nanos.get("runnable").getAsLong() > nanos.get("sleeping").getAsLong(), nanos.toString());
        assertTrue(nanos.has("running_or_runnable"), nanos.toString());
    }

    @Test
    void aBadFileIsOneClearLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.jfr"), "hello");
        int code = cli.run("summary", file.toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a JFR recording"));
    }

    @Test
    void everyCommandPrintsItsUsageForHelpAndSucceeds() {
        for (String command : Cli.COMMANDS) {
            out.reset();
            for (String help : new String[] {"--help", "-h"}) {
                assertEquals(0, cli.run(command, help), command + " " + help);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Usage:") && text.contains("loomscope " + command + " "), command + ":\n" + text);
        }
        assertEquals(0, cli.run("record", "-o", "x.jfr", "--help"), "anywhere among the arguments");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownUsagePrintsUsage() {
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage"));
    }
}
