package dev.loomscope.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same program run twice (bench's CarrierStarvation, JDK settings): without hogs, then with six
 * CPU-bound virtual threads that hold both carriers for seconds. Ground truth: the second run
 * starves the sleepers, the first does not.
 */
class DiffCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void theDiffOfACalmAndAStarvedRunNamesTheNewStarvationAndCanFailTheBuild() {
        String calm = SampleRecordings.carrierCalmWithJdkProfile().toString();
        String starved = SampleRecordings.carrierStarvationWithJdkProfile().toString();
        int code = cli.run("diff", calm, starved, "--fail-on-new", "medium");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  new ") && l.contains("starvation")), text);
        assertTrue(text.contains("virtual: sleeper-#"), "the sleepers' time moved: " + text);
    }

    @Test
    void asJsonTheLatencyGrowsAndTheStarvationIsNew() {
        String calm = SampleRecordings.carrierCalmWithJdkProfile().toString();
        String starved = SampleRecordings.carrierStarvationWithJdkProfile().toString();
        assertEquals(0, cli.run("diff", calm, starved, "--json"));
        JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(doc.getAsJsonObject("findings").getAsJsonArray("new").asList().stream()
                .anyMatch(f -> f.getAsJsonObject().get("kind").getAsString().equals("starvation")), doc.toString());
        JsonObject p99 = doc.getAsJsonObject("schedulerLatencyNanos").getAsJsonObject("p99");
        assertTrue(p99.get("after").getAsLong() > p99.get("before").getAsLong() + 100_000_000L,
                "a hog holds a carrier 1.5 s: the sleepers' worst waits grow by far more than 0.1 s: " + p99);
    }

    @Test
    void theOtherWayRoundTheStarvationIsGoneAndNothingFails() {
        String calm = SampleRecordings.carrierCalmWithJdkProfile().toString();
        String starved = SampleRecordings.carrierStarvationWithJdkProfile().toString();
        assertEquals(0, cli.run("diff", starved, calm, "--fail-on-new", "medium"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  gone ") && l.contains("starvation")), text);
    }

    @Test
    void badArgumentsSayWhatIsExpected() {
        assertEquals(2, cli.run("diff", "only-one.jfr"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("diff compares two recordings"));
        assertEquals(2, cli.run("diff", "a.jfr", "b.jfr", "--fail-on-new", "worse"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a severity is one of"));
    }
}
