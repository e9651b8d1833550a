package dev.loomscope.app.threads;

import dev.loomscope.core.detect.Severity;

import java.util.Map;
import java.util.Set;

/**
 * What the Threads view marks on lanes besides their spans: a badge on every lane a finding is
 * about (its worst severity), and a highlight on the evidence of the finding being looked at.
 */
public record LaneMarks(Map<Integer, Severity> badges, Set<Integer> highlighted) {
    public static final LaneMarks NONE = new LaneMarks(Map.of(), Set.of());

    public LaneMarks {
        badges = Map.copyOf(badges);
        highlighted = Set.copyOf(highlighted);
    }
}
