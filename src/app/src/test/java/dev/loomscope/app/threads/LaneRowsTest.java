package dev.loomscope.app.threads;

import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LaneRowsTest {
    private final Timeline timeline = SampleRecordings.pipelineTimeline();
    private final List<LaneGroup> groups = LaneGroup.of(timeline);

    @Test
    void aFrameFilterKeepsTheThreadsThatRanThatCode() {
        assertEquals(List.of("pipeline-sink"), lanes(Pattern.compile("Pipeline\\.sink", Pattern.CASE_INSENSITIVE)));
        assertEquals(List.of("pipeline-source-0", "pipeline-source-1", "pipeline-source-2", "pipeline-source-3"),
                lanes(Pattern.compile("Pipeline\\.produce")));
    }

    @Test
    void plainTextMatchesNamesInAnyCaseAndARegularExpressionAsOne() {
        assertEquals(List.of("pipeline-source-0", "pipeline-source-1", "pipeline-source-2", "pipeline-source-3"),
                lanes(LaneRows.filter("SOURCE-")));
        assertEquals(List.of("pipeline-source-0", "pipeline-source-2"), lanes(LaneRows.filter("source-[02]$")));
        assertEquals(List.of(), lanes(LaneRows.filter("source-[02]x")));
    }

    @Test
    void sectionsComeInKindOrderAndTheJvmsOwnThreadsLast() {
        LaneRows rows = LaneRows.build(timeline, groups, null, Set.of());
        List<String> sections = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.row(i).kind() == LaneRows.Kind.SECTION) {
                sections.add(rows.row(i).label());
            }
        }
        assertEquals(List.of("Virtual threads", "Platform threads", "JVM threads"), sections);
    }

    private List<String> lanes(Pattern filter) {
        LaneRows rows = LaneRows.build(timeline, groups, filter, Set.of());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.row(i).kind() == LaneRows.Kind.LANE) {
                names.add(rows.row(i).label());
            }
        }
        return names;
    }
}
