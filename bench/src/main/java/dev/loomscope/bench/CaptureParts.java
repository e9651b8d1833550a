package dev.loomscope.bench;

import dev.loomscope.bench.workloads.Throughput;
import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.capture.RecordingSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a capture's cost goes: the parts of Loomscope's settings and of the agent, each switched
 * off on its own, on the workloads of {@link CaptureBenchmark}, against the JDK's {@code default}
 * settings in the same rounds. Not a user's command line (users get the whole of a level); the
 * variants of {@code loomscope.jfc} are made from the shipped file, so they follow it. Costs are
 * of the steady state (the workloads' second half), with the whole run's beside them, as in
 * {@link CaptureBenchmark}.
 */
final class CaptureParts {
    private static final int ROUNDS = 3;
    private static final List<String> AGENT_STACK_EVENTS = List.of("loomscope.FutureCreated", "loomscope.BlockBegin",
            "loomscope.ChannelCreated");

    /** A capture: extra JVM options, and the overlay (null: {@code default} alone). */
    private record Part(String name, String overlay, String agentOptions, String settingsTail) {
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("loomscope-parts-");
        Path agent = AgentJar.require();
        Path withAgent = RecordingSettings.overlayFile(true);
        String runs = "level=runs";
        List<Part> parts = List.of(
                new Part("JDK default", null, null, ""),
                new Part("+ what record adds (agent runs, loomscope.jfc without carrier traces)", withAgent.toString(), runs, ""),
                new Part("+ the same, agent futures off (its failures-only future hooks)", withAgent.toString(),
                        runs + ",futures=off", ""),
                new Part("+ the same, no method traces", variant(withAgent, dir, "no-traces",
                        doc -> events(doc, "jdk.MethodTrace").forEach(e -> e.getParentNode().removeChild(e))), runs, ""),
                new Part("+ agent full", withAgent.toString(), "level=full", ""),
                new Part("+ agent full, its stacks off", withAgent.toString(), "level=full", agentStacksOff()),
                new Part("+ agent full, parks' sites off (a stack for every park, as before them)", withAgent.toString(),
                        "level=full,parksites=off", ""),
                new Part("+ agent full, BlockBegin off (no event for a park)", withAgent.toString(), "level=full",
                        ",+loomscope.BlockBegin#enabled=false,+loomscope.BlockBeginAtSite#enabled=false"),
                new Part("+ agent full, futures off", withAgent.toString(), "level=full,futures=off", ""),
                new Part("+ agent full, futures and channels off", withAgent.toString(), "level=full,futures=off,channels=off", ""));
        System.out.println("## Where the capture cost goes\n");
        System.out.println("Throughput in the steady state (the second half of each run) against the JDK's `default` "
                + "settings in the same rounds (medians of " + ROUNDS + "), and the cost over the whole run in "
                + "parentheses; each row adds one part to `default` or takes one away from Loomscope's settings.\n");
        System.out.println("| part | service | cost | fan-out | cost |");
        System.out.println("|---|---|---|---|---|");
        List<double[][][]> results = new ArrayList<>();
        List<List<String>> workloads = List.of(
                List.of("dev.loomscope.samples.healthy.Healthy", "--requests", "450000", "--concurrency", "200"),
                List.of("dev.loomscope.bench.workloads.FanOutLoad", "900000", "200"));
        for (List<String> workload : workloads) {
            double[][][] values = new double[2][parts.size()][ROUNDS];   // [steady, whole run][part][round]
            for (int r = 0; r < ROUNDS; r++) {
                for (int p = 0; p < parts.size(); p++) {
                    Throughput measured = measure(parts.get(p), agent, workload, dir);
                    values[0][p][r] = measured.steady();
                    values[1][p][r] = measured.whole();
                }
            }
            results.add(values);
        }
        for (int p = 0; p < parts.size(); p++) {
            StringBuilder row = new StringBuilder("| " + parts.get(p).name() + " |");
            for (double[][][] values : results) {
                double steady = Benchmarks.median(values[0][p]);
                double whole = Benchmarks.median(values[1][p]);
                row.append(String.format(" %,.0f | %.0f %% (%.0f %%) |", steady,
                        100 * (1 - steady / Benchmarks.median(values[0][0])), 100 * (1 - whole / Benchmarks.median(values[1][0]))));
            }
            System.out.println(row);
        }
        System.out.println();
    }

    /** Agent events are not in any settings file: "+" adds a setting for them on the command line. */
    private static String agentStacksOff() {
        StringBuilder tail = new StringBuilder();
        AGENT_STACK_EVENTS.forEach(e -> tail.append(",+").append(e).append("#stackTrace=false"));
        return tail.toString();
    }

    private static Throughput measure(Part part, Path agent, List<String> workload, Path dir)
            throws IOException, InterruptedException {
        Path recording = dir.resolve("part.jfr");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (part.agentOptions() != null) {
            command.add("-javaagent:" + agent + "=" + part.agentOptions());
        }
        command.add("-XX:StartFlightRecording:settings=default"
                + (part.overlay() == null ? "" : ",settings=" + part.overlay())
                + part.settingsTail() + ",filename=" + recording);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(workload);
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        String output = Files.readString(log);
        Files.deleteIfExists(recording);
        Throughput measured = Throughput.in(output);
        if (exit != 0 || measured == null) {
            throw new IOException(part.name() + " failed (exit " + exit + "): " + output);
        }
        return measured;
    }

    /** A copy of the shipped overlay with one change. */
    private static String variant(Path shipped, Path dir, String name, Consumer<Document> change) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(shipped.toFile());
        change.accept(doc);
        Path file = dir.resolve(name + ".jfc");
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(file.toFile()));
        return file.toString();
    }

    /** The overlay's events of those names. */
    private static List<Element> events(Document doc, String... names) {
        NodeList nodes = doc.getElementsByTagName("event");
        List<Element> events = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(names).contains(e.getAttribute("name"))) {
                events.add(e);
            }
        }
        return events;
    }
}
