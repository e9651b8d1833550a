package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneGroupNamesTest {
    @Test
    void aGroupIsTheNameWithEachRunOfDigitsAsHash() {
        assertEquals("ForkJoinPool-#-worker-#", LaneGroup.patternOf("ForkJoinPool-1-worker-12"));
        assertEquals("C# CompilerThread#", LaneGroup.patternOf("C2 CompilerThread0"));
        assertEquals("main", LaneGroup.patternOf("main"));
        assertEquals("#", LaneGroup.patternOf("007"));
        assertEquals("(unnamed)", LaneGroup.patternOf(""));
    }

    @Test
    void namesOfAGroupSortByTheirNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("worker-10", "worker-2", "worker-1-3", "worker-1-10",
                "worker-123456789012345678901234567890", "worker-99", "worker-007"));
        names.sort(LaneGroup::compareNumbers);
        assertEquals(List.of("worker-1-3", "worker-1-10", "worker-2", "worker-007", "worker-10", "worker-99",
                "worker-123456789012345678901234567890"), names);
        assertEquals(0, LaneGroup.compareNumbers("t-07", "t-7"), "leading zeros do not count");
        assertEquals(0, LaneGroup.compareNumbers("t-0", "t-000"));
        assertTrue(LaneGroup.compareNumbers("t-0", "t-1") < 0);
        assertEquals(0, LaneGroup.compareNumbers("unnamed", "other"), "no numbers: equal, start time decides");
    }
}
