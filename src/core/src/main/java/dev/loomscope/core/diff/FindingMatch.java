package dev.loomscope.core.diff;

import dev.loomscope.core.detect.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the findings of two runs: the same kind, at the same site, about the same thread groups
 * (names with their numbers taken out) is the same finding, whatever its threads' ids or times.
 */
final class FindingMatch {
    private FindingMatch() {
    }

    static RecordingDiff.Findings of(List<Finding> before, List<Finding> after) {
        Map<String, Finding> was = index(before);
        Map<String, Finding> is = index(after);
        List<Finding> added = new ArrayList<>();
        List<Finding[]> changed = new ArrayList<>();
        is.forEach((key, f) -> {
            Finding old = was.get(key);
            if (old == null) {
                added.add(f);
            } else if (old.severity() != f.severity()) {
                changed.add(new Finding[] {old, f});
            }
        });
        List<Finding> gone = was.entrySet().stream().filter(e -> !is.containsKey(e.getKey())).map(Map.Entry::getValue)
                .toList();
        return new RecordingDiff.Findings(added, gone, changed);
    }

    /** By key; of two with one key, the more severe stands for both. */
    private static Map<String, Finding> index(List<Finding> findings) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        for (Finding f : findings) {
            byKey.merge(f.kind() + "|" + f.site() + "|" + RecordingDiff.groupsOf(f), f,
                    (a, b) -> a.severity().compareTo(b.severity()) >= 0 ? a : b);
        }
        return byKey;
    }
}
