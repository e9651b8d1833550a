package dev.loomscope.core.waits;

import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits by site on the pipeline, recorded without the agent: the tier-0 Channels view. */
class WaitSitesTest {
    private final Timeline timeline = SampleRecordings.pipelineTimeline();

    @Test
    void theSourcesBlockSendingInProduce() {
        List<WaitSites.Site> sends = WaitSites.of(timeline, List.of(ThreadState.BLOCKED_SEND));
        WaitSites.Site produce = sends.stream().filter(s -> s.site().contains("Pipeline.produce")).findFirst().orElseThrow();

        assertEquals(Set.of("pipeline-source-0", "pipeline-source-1", "pipeline-source-2", "pipeline-source-3"),
                names(produce));
        assertTrue(produce.count() >= 4, "count " + produce.count());
        assertTrue(produce.maxNanos() > 0 && produce.totalNanos() >= produce.maxNanos());
        assertEquals("pipeline-source-", timeline.lane(produce.exampleLane()).name().substring(0, 16));
        // The sources are the most blocked place in the program: first in the list.
        assertEquals(produce, sends.getFirst());
    }

    @Test
    void theTransformsBlockSendingInTransform() {
        WaitSites.Site transform = WaitSites.of(timeline, List.of(ThreadState.BLOCKED_SEND)).stream()
                .filter(s -> s.site().contains("Pipeline.transform")).findFirst().orElseThrow();

        assertEquals(Set.of("pipeline-transform-0", "pipeline-transform-1"), names(transform));
    }

    @Test
    void everySiteIsOneKindOfWait() {
        for (WaitSites.Site site : WaitSites.of(timeline, List.of())) {
            assertTrue(site.state().isBlocked(), site.toString());
            assertTrue(site.count() > 0 && site.lanes().cardinality() > 0, site.toString());
        }
    }

    private Set<String> names(WaitSites.Site site) {
        return site.lanes().stream().mapToObj(id -> timeline.lane(id).name()).collect(Collectors.toSet());
    }
}
