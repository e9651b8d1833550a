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
    /**
     * The shortcuts grouping a million lanes takes agree with the rules they stand for, on random
     * names: a name fits a pattern when its own pattern is that one, and names with one number
     * order by it as {@link LaneGroup#compareNumbers} orders them.
     */
    @Test
    void theShortcutsAgreeWithThePatternAndTheOrderOnRandomNames() {
        java.util.Random random = new java.util.Random(12);
        String alphabet = "ab-#_ 0123456789";
        List<String> names = new ArrayList<>(List.of("", "007", "t-0", "t-000", "#", "a#1", "x-1234567890123456789"));
        for (int n = 0; n < 400; n++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(9); k > 0; k--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        for (String a : names) {
            for (String b : names) {
                String pattern = LaneGroup.patternOf(b);
                assertEquals(LaneGroup.patternOf(a).equals(pattern), LaneGroup.fits(a, pattern), a + " in " + pattern);
                long na = LaneGroup.onlyNumber(a);
                long nb = LaneGroup.onlyNumber(b);
                if (na >= 0 && nb >= 0) {
                    assertEquals(Integer.signum(LaneGroup.compareNumbers(a, b)), Integer.signum(Long.compare(na, nb)),
                            a + " vs " + b);
                }
            }
        }
        assertEquals(-1, LaneGroup.onlyNumber("ForkJoinPool-1-worker-2"), "two numbers");
        assertEquals(-1, LaneGroup.onlyNumber("main"));
        assertEquals(-1, LaneGroup.onlyNumber("x-1234567890123456789"), "more digits than a long holds for sure");
        assertEquals(7, LaneGroup.onlyNumber("t-007"));
    }
}
