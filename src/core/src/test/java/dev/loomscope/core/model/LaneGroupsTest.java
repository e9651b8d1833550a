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
}
