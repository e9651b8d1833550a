package dev.loomscope.core.agent;

import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full agent places a park inside a blocking call of the program's code at that call (the
 * agent's call sites), instead of taking its stack: {@link BlockingShapesProgram} runs the same
 * with the agent as without it, and each park it placed is at a line of its source that calls the
 * blocking method the site names. Ground truth is the program's own source and output.
 */
class ParkSitesTest {
    private static final String EXPECTED =
            "static 7 mixed 17 taker 3 interrupted caught get 42 out 43 made 5 locked 1 switched 10 switched 11";

    @Test
    void aParkInABlockingCallIsPlacedAtTheLineThatCalledItAndNowhereElse(@TempDir Path dir) throws Exception {
        List<String> program = List.of("-cp", System.getProperty("java.class.path"),
                BlockingShapesProgram.class.getName());
        ProgramRecorder.Result plain = ProgramRecorder.record(program, dir.resolve("plain.jfr"), Duration.ofSeconds(60));
        assertEquals(EXPECTED, lastLine(plain.output()));

        List<String> command = new ArrayList<>(List.of("-javaagent:" + SampleRecordings.agentJar() + "=level=full"));
        command.addAll(program);
        // The JDK's default settings: Loomscope's own take a stack of every park, which would stand
        // over the agent's sites in the model (the event-level checks below hold under either).
        ProgramRecorder.Result full = ProgramRecorder.recordWithSettings("settings=default", command,
                dir.resolve("full.jfr"), Duration.ofSeconds(60));
        assertEquals(EXPECTED, lastLine(full.output()), "the same with every blocking call bracketed");

        List<String> source = Files.readAllLines(
                SampleRecordings.repoFile("src/core/src/test/java/dev/loomscope/core/agent/BlockingShapesProgram.java"));
        assertEveryParkAtASiteIsAtALineCallingItsCallee(full.recording(), source);

        Timeline timeline = RecordingLoader.load(full.recording(), LoadMonitor.NONE);
        int placed = 0;
        for (int l = 0; l < timeline.laneCount(); l++) {
            Lane lane = timeline.lane(l);
            for (int i = 0; lane.name().startsWith("shapes-") && i < lane.spanCount(); i++) {
                int stack = lane.spanStack(i);
                List<StackFrame> frames = stack < 0 ? List.of() : timeline.stacks().frames(stack);
                if (!lane.spanState(i).isBlocked() || frames.size() != 2) {
                    continue;                       // not placed at a site (JFR's park events of 20 ms or more carry stacks)
                }
                StackFrame callee = frames.get(0);
                StackFrame caller = frames.get(1);
                assertTrue(source.get(caller.line() - 1).contains(callee.methodName() + "("), frames.toString());
                ThreadState expected = switch (callee.methodName()) {
                    case "take", "poll" -> ThreadState.BLOCKED_RECV;
                    case "sleep" -> ThreadState.SLEEPING;
                    default -> ThreadState.WAITING;
                };
                assertEquals(expected, lane.spanState(i), "what the site's callee says the park was: " + frames);
                placed++;
            }
        }
        assertTrue(placed > 0, "the model places the parks at their sites");
    }

    /**
     * Every park named by its site is at a line of the program that calls the blocking method the
     * site names; there are at least the parks the program makes whatever its timing (three sleeps
     * of the feeder, the poll of the empty queue, the last sleep); the interrupted take threw before
     * it parked, so no park names its site; the sleep through reflection after it, inside no
     * bracketed call, took a stack: the take's site was not left pending for it. A site travels in
     * the run its park ended ({@code p<i>} of a CarrierRuns), or where the carrier's batch was not at
     * hand in a BlockBeginAtSite.
     */
    private static void assertEveryParkAtASiteIsAtALineCallingItsCallee(Path recording, List<String> source)
            throws Exception {
        Map<Long, RecordedEvent> sites = new HashMap<>();
        List<Long> parkedAt = new ArrayList<>();
        boolean reflectiveSleep = false;
        int inRuns = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "loomscope.CallSite" -> sites.put(event.getLong("site"), event);
                    case "loomscope.BlockBeginAtSite" -> parkedAt.add(event.getLong("site"));
                    case "loomscope.CarrierRuns" -> {
                        for (int i = 0; i < event.getInt("count"); i++) {
                            long site = event.getLong("p" + i);
                            if (site != 0) {
                                parkedAt.add(site);
                                inRuns++;
                            }
                        }
                    }
                    case "loomscope.BlockBegin" -> reflectiveSleep |= event.getStackTrace().getFrames().stream()
                            .anyMatch(f -> f.getMethod().getType().getName().equals("java.lang.reflect.Method"));
                    default -> {
                    }
                }
            }
        }
        assertTrue(parkedAt.size() >= 5, "parks at sites: " + parkedAt.size());
        assertTrue(inRuns > 0, "the sites travel in the runs the parks end, not in events of their own");
        for (long id : parkedAt) {
            RecordedEvent site = sites.get(id);
            assertTrue(site != null, "site " + id + " announced");
            String callee = site.getString("callee");
            String method = callee.substring(callee.lastIndexOf('.') + 1);
            String line = source.get(site.getInt("line") - 1);
            assertTrue(site.getString("className").startsWith(BlockingShapesProgram.class.getName()), site.toString());
            assertTrue(line.contains(method + "("), callee + " at line " + site.getInt("line") + ": " + line);
            assertTrue(!site.getString("method").equals("interruptedTake"), "no park placed at the take that threw");
        }
        assertTrue(reflectiveSleep, "the sleep through reflection took its stack");
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.startsWith("[")).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }
}
