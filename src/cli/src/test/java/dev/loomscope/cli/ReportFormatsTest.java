package dev.loomscope.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze --format sarif|junit} on the pipeline sample, whose ground truth is backpressure at Pipeline.produce. */
class ReportFormatsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void sarifHasARulePerDetectorAndAResultPerFindingAtItsSite() {
        assertEquals(0, cli.run("analyze", SampleRecordings.pipeline().toString(), "--format", "sarif"),
                err.toString(StandardCharsets.UTF_8));
        JsonObject sarif = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("2.1.0", sarif.get("version").getAsString());
        JsonObject run = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
        assertEquals("Loomscope", driver.get("name").getAsString());
        JsonArray rules = driver.getAsJsonArray("rules");
        assertEquals(Detectors.builtIn().size(), rules.size(), "a rule per detector");
        JsonArray results = run.getAsJsonArray("results");
        assertTrue(results.size() > 0);
        for (var element : results) {
            JsonObject result = element.getAsJsonObject();
            int index = result.get("ruleIndex").getAsInt();
            assertEquals(rules.get(index).getAsJsonObject().get("id").getAsString(), result.get("ruleId").getAsString(),
                    "ruleIndex points at its rule");
            assertTrue(java.util.Set.of("error", "warning", "note").contains(result.get("level").getAsString()));
        }
        JsonObject backpressure = results.asList().stream().map(e -> e.getAsJsonObject())
                .filter(r -> r.getAsJsonObject("properties").get("kind").getAsString().equals("backpressure"))
                .findFirst().orElseThrow();
        assertEquals("error", backpressure.get("level").getAsString(), "high fails a code-scanning check");
        JsonObject physical = backpressure.getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation");
        assertEquals("dev/loomscope/samples/pipeline/Pipeline.java",
                physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertTrue(physical.getAsJsonObject("region").get("startLine").getAsInt() > 0);
    }

    @Test
    void junitHasATestPerDetectorFailedWhereItFoundSomething() throws Exception {
        assertEquals(0, cli.run("analyze", SampleRecordings.pipeline().toString(), "--format", "junit"),
                err.toString(StandardCharsets.UTF_8));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(Detectors.builtIn().size(), cases.getLength());
        assertEquals(String.valueOf(cases.getLength()), suite.getAttribute("tests"));
        int failed = 0;
        boolean backpressureFailed = false;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            boolean failure = testCase.getElementsByTagName("failure").getLength() > 0;
            failed += failure ? 1 : 0;
            if (testCase.getAttribute("name").equals("backpressure")) {
                backpressureFailed = failure && testCase.getElementsByTagName("failure").item(0).getTextContent()
                        .contains("Pipeline.produce");
            }
        }
        assertTrue(backpressureFailed, "the backpressure detector's case fails, naming the site");
        assertEquals(String.valueOf(failed), suite.getAttribute("failures"));
        assertTrue(failed < cases.getLength(), "detectors that found nothing pass");
    }

    @Test
    void anUnknownFormatSaysWhichExist() {
        assertEquals(2, cli.run("analyze", SampleRecordings.pipeline().toString(), "--format", "xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format is text, json, sarif or junit"));
    }
}
