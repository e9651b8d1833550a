package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Groups kept current as a timeline grows are the groups of the grown timeline, built afresh. */
class LaneGroupsTest {
    @Test
    void addedAndRenamedThreadsLandWhereAFreshGroupingPutsThem() {
        TimelineWriter writer = new TimelineWriter();
        for (int i = 0; i < 5; i++) {
            writer.lane(100 + i, "worker-" + i, true, 0);
        }
        writer.lane(200, "sink", false, 7);
        writer.lane(300, "", true, 0);
        Timeline timeline = writer.timeline();
        LaneGroups grouping = new LaneGroups();
        List<LaneGroup> first = grouping.update(timeline);
        assertEquals(LaneGroup.of(timeline), first);
        LaneGroup sink = first.stream().filter(g -> g.name().equals("sink")).findFirst().orElseThrow();

        // More workers, out of number order; a thread named late leaves "(unnamed)" for its group.
        writer.lane(107, "worker-12", true, 0);
        writer.lane(106, "worker-10", true, 0);
        writer.lane(105, "worker-5", true, 0);
        writer.lane(300, "worker-7", true, 0);
        List<LaneGroup> grown = grouping.update(timeline);
        assertEquals(LaneGroup.of(timeline), grown);
        LaneGroup workers = grown.stream().filter(g -> g.name().equals("worker-#")).findFirst().orElseThrow();
        assertEquals(List.of("worker-0", "worker-1", "worker-2", "worker-3", "worker-4", "worker-5", "worker-7",
                "worker-10", "worker-12"), workers.lanes().stream().map(id -> timeline.lane(id).name()).toList());
        assertEquals(List.of(), grown.stream().filter(g -> g.name().equals("(unnamed)")).toList(),
                "the renamed thread's old group is gone");
        assertSame(sink, grown.stream().filter(g -> g.name().equals("sink")).findFirst().orElseThrow(),
                "a group nothing joined or left is not rebuilt");
    }

    @Test
    void familiesWhoseNamesAreNeverBuiltGroupAndOrderAsTheirNamesSay() {
        TimelineWriter writer = new TimelineWriter();
        List<String> names = new java.util.ArrayList<>();
        long tid = 1;
        for (int i = 0; i < 40; i++) {            // interleaved families, so the last prefix keeps changing
            for (String name : new String[] {"req-" + (40 - i), "pool-2-thread-" + i, "w-0" + i, "Thread-" + i * 1000,
                    i % 3 == 0 ? "sink" : "req-" + (100 + i)}) {
                writer.lane(tid++, name, name.startsWith("req-"), 0);
                names.add(name);
            }
        }
        Timeline timeline = writer.timeline();
        java.util.Map<String, List<String>> expected = new java.util.TreeMap<>();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            expected.computeIfAbsent(LaneGroup.patternOf(name), k -> new java.util.ArrayList<>()).add(name);
        }
        expected.values().forEach(group -> group.sort(LaneGroup::compareNumbers));
        java.util.Map<String, List<String>> grouped = new java.util.TreeMap<>();
        for (LaneGroup group : new LaneGroups().update(timeline)) {
            grouped.put(group.name(), group.lanes().stream().map(id -> timeline.lane(id).name()).distinct().toList());
        }
        assertEquals(expected, grouped);
    }
}
