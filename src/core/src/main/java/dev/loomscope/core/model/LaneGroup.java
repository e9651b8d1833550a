package dev.loomscope.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Threads that belong together: same kind (virtual or platform) and same name once the numbers are
 * taken out, so {@code pipeline-source-0..3} form one group {@code pipeline-source-#} and the 40
 * {@code ForkJoinPool-1-worker-N} threads another. Unnamed virtual threads form {@code (unnamed)}.
 *
 * @param name    the name pattern shared by the group's threads
 * @param virtual true for a group of virtual threads
 * @param lanes   the lane ids of the group, in order of first appearance
 */
public record LaneGroup(String name, boolean virtual, List<Integer> lanes) {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public LaneGroup {
        lanes = List.copyOf(lanes);
    }

    /** The group name a thread name falls in. */
    public static String patternOf(String threadName) {
        return threadName.isEmpty() ? "(unnamed)" : DIGITS.matcher(threadName).replaceAll("#");
    }

    /**
     * Groups every thread lane of {@code timeline}: virtual groups first, then platform groups,
     * each kind by group name; lanes within a group by start time.
     */
    public static List<LaneGroup> of(Timeline timeline) {
        Map<String, List<Integer>> virtualGroups = new TreeMap<>();
        Map<String, List<Integer>> platformGroups = new TreeMap<>();
        for (Lane lane : timeline.lanes()) {
            Map<String, List<Integer>> kind = lane.isVirtual() ? virtualGroups : platformGroups;
            kind.computeIfAbsent(patternOf(lane.name()), k -> new ArrayList<>()).add(lane.id());
        }
        Comparator<Integer> byStart = Comparator.<Integer>comparingLong(id -> timeline.lane(id).lifeStart())
                .thenComparingInt(id -> id);
        List<LaneGroup> groups = new ArrayList<>();
        virtualGroups.forEach((name, ids) -> groups.add(new LaneGroup(name, true, sorted(ids, byStart))));
        platformGroups.forEach((name, ids) -> groups.add(new LaneGroup(name, false, sorted(ids, byStart))));
        return groups;
    }

    private static List<Integer> sorted(List<Integer> ids, Comparator<Integer> order) {
        ids.sort(order);
        return ids;
    }
}
