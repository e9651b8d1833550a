package dev.loomscope.core.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceEventsTest {

    @Test
    void theTraceFollowsTheFormatsRules() throws IOException {
        Timeline timeline = SampleRecordings.pipelineTimeline();
        JsonArray events = export(timeline, ExportScope.all(timeline));
        Set<String> namedThreads = new HashSet<>();
        Set<Integer> namedProcesses = new HashSet<>();
        Map<String, Integer> begins = new HashMap<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            String ph = event.get("ph").getAsString();
            assertTrue(Set.of("M", "X", "C", "s", "f", "B", "E").contains(ph), "a phase the format has: " + ph);
            if (ph.equals("M") && event.get("name").getAsString().equals("thread_name")) {
                namedThreads.add(event.get("pid") + "/" + event.get("tid"));
            }
            if (ph.equals("M") && event.get("name").getAsString().equals("process_name")) {
                namedProcesses.add(event.get("pid").getAsInt());
            }
            if (ph.equals("B") || ph.equals("E")) {
                begins.merge(event.get("pid") + "/" + event.get("tid"), ph.equals("B") ? 1 : -1, Integer::sum);
            }
        }
        begins.forEach((track, open) -> assertEquals(0, open, "every B has its E on " + track));
        long endMicros = (timeline.durationNanos() + 999) / 1000;
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            if (!event.get("ph").getAsString().equals("X")) {
                continue;
            }
            assertTrue(namedThreads.contains(event.get("pid") + "/" + event.get("tid")), "a named track: " + event);
            assertTrue(namedProcesses.contains(event.get("pid").getAsInt()), "a named process: " + event);
            BigDecimal ts = event.get("ts").getAsBigDecimal();
            BigDecimal dur = event.get("dur").getAsBigDecimal();
            assertTrue(ts.signum() >= 0 && dur.signum() >= 0, "no negative time: " + event);
            assertTrue(ts.add(dur).compareTo(BigDecimal.valueOf(endMicros)) <= 0,
                    "microseconds within the recording (" + endMicros + " us): " + event);
        }
    }

    @Test
    void aThreadsSpansComeBackExactlyFromItsTrack() throws IOException {
        Timeline timeline = SampleRecordings.pipelineTimeline();
        Lane sink = timeline.lanes().stream().filter(l -> l.name().equals("pipeline-sink")).findFirst().orElseThrow();
        JsonArray events = export(timeline, ExportScope.all(timeline));
        List<long[]> recorded = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            if (event.get("ph").getAsString().equals("X") && event.get("tid").getAsInt() == sink.id() + 1
                    && event.get("cat").getAsString().equals("recorded")) {
                long start = nanos(event.get("ts").getAsBigDecimal());
                recorded.add(new long[] {start, start + nanos(event.get("dur").getAsBigDecimal())});
                assertTrue(event.has("args") && event.getAsJsonObject("args").has("site")
                                || event.get("name").getAsString().equals("Running"),
                        "a recorded wait says where: " + event);
            }
        }
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < sink.spanCount(); i++) {
            if (!sink.spanInferred(i)) {
                expected.add(new long[] {sink.spanStart(i), sink.spanEnd(i)});
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), recorded.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], recorded.get(i)[0], "start of span " + i + " to the nanosecond");
            assertEquals(expected.get(i)[1], recorded.get(i)[1], "end of span " + i);
        }
    }

    @Test
    void withTheAgentCarriersNameTheirThreadsAndArrowsPairUp() throws IOException {
        Timeline timeline = SampleRecordings.load(SampleRecordings.pipelineWithAgent());
        JsonArray events = export(timeline, ExportScope.all(timeline));
        Map<Long, Integer> starts = new HashMap<>();
        Map<Long, Integer> finishes = new HashMap<>();
        int carrierRuns = 0;
        int queueSizes = 0;
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            switch (event.get("ph").getAsString()) {
                case "s" -> starts.merge(event.get("id").getAsLong(), 1, Integer::sum);
                case "f" -> finishes.merge(event.get("id").getAsLong(), 1, Integer::sum);
                case "X" -> {
                    if (event.get("cat").getAsString().equals("carrier")) {
                        carrierRuns++;
                        assertTrue(event.get("name").getAsString().startsWith("pipeline-")
                                || event.get("name").getAsString().equals("a virtual thread"), event.toString());
                    }
                }
                case "C" -> queueSizes += event.get("name").getAsString().startsWith("queue ") ? 1 : 0;
                default -> {
                }
            }
        }
        assertTrue(carrierRuns > 0, "carriers' runs are exported");
        assertTrue(queueSizes > 0, "queue sizes are counters");
        assertFalse(starts.isEmpty(), "who unblocked whom on the queues");
        assertEquals(starts.keySet(), finishes.keySet(), "every arrow has both ends");
        starts.forEach((id, n) -> assertEquals(1, n, "one start per arrow " + id));
        finishes.forEach((id, n) -> assertEquals(1, n, "one end per arrow " + id));
    }

    @Test
    void aRangeAndAThreadPatternCutTheExport() throws IOException {
        Timeline timeline = SampleRecordings.pipelineTimeline();
        long half = timeline.durationNanos() / 2;
        ExportScope scope = ExportScope.all(timeline).withRange("0:" + half / 1e9).withThreads("^pipeline-source-");
        JsonArray events = export(timeline, scope);
        Set<String> threads = new HashSet<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            if (event.get("ph").getAsString().equals("M") && event.get("name").getAsString().equals("thread_name")
                    && event.get("pid").getAsInt() != TraceEvents.SCHEDULER_PID) {
                threads.add(event.getAsJsonObject("args").get("name").getAsString());
            }
            if (event.get("ph").getAsString().equals("X")) {
                BigDecimal end = event.get("ts").getAsBigDecimal().add(event.get("dur").getAsBigDecimal());
                assertTrue(nanos(end) <= half + 1, "cut to the range: " + event);
            }
        }
        assertEquals(4, threads.size(), "only the 4 sources the sample starts: " + threads);
        assertTrue(threads.stream().allMatch(t -> t.startsWith("pipeline-source-")), threads.toString());
    }

    @Test
    void csvHasALinePerSpanAndGapCoveringEachLifetime() throws IOException {
        Timeline timeline = SampleRecordings.pipelineTimeline();
        StringWriter text = new StringWriter();
        long lines = SpanCsv.write(timeline, ExportScope.all(timeline).withThreads("^pipeline-sink$"), text);
        List<String> rows = text.toString().lines().toList();
        assertEquals(SpanCsv.HEADER, rows.getFirst());
        assertEquals(lines, rows.size() - 1);
        Lane sink = timeline.lanes().stream().filter(l -> l.name().equals("pipeline-sink")).findFirst().orElseThrow();
        long covered = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertEquals("pipeline-sink", cells[0]);
            covered += Long.parseLong(cells[8]);
        }
        assertEquals(sink.lifeEnd() - sink.lifeStart(), covered, "spans and gaps add up to the lifetime");
        assertEquals("\"a,b\"", SpanCsv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SpanCsv.quote("say \"hi\""));
    }

    private static JsonArray export(Timeline timeline, ExportScope scope) throws IOException {
        StringWriter json = new StringWriter();
        TraceEvents.write(timeline, scope, json);
        return JsonParser.parseString(json.toString()).getAsJsonObject().getAsJsonArray("traceEvents");
    }

    private static long nanos(BigDecimal micros) {
        return micros.movePointRight(3).longValueExact();
    }
}
