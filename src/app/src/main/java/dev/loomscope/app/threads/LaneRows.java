package dev.loomscope.app.threads;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rows of the Threads view, top to bottom: a section per thread kind (virtual, platform), a
 * header per thread group, then the group's lanes. A filter keeps the lanes whose thread name, or
 * a frame of one of whose stacks, matches; collapsed groups keep their header only.
 */
final class LaneRows {
    enum Kind { SECTION, GROUP, LANE }

    /**
     * One row. {@code lane} is the lane id for a LANE row and -1 otherwise; {@code count} is the
     * number of matching lanes under a SECTION or GROUP row; {@code members} the matching lanes of
     * a GROUP row (what its header summarizes when folded), empty for the others.
     */
    record Row(Kind kind, String label, LaneGroup group, int lane, int count, List<Integer> members) {
    }

    private static final java.util.Map<LaneGroup.Kind, String> SECTION_TITLES = java.util.Map.of(
            LaneGroup.Kind.VIRTUAL, "Virtual threads", LaneGroup.Kind.PLATFORM, "Platform threads",
            LaneGroup.Kind.JVM, "JVM threads");

    private final List<Row> rows;
    private final int laneCount;

    private LaneRows(List<Row> rows, int laneCount) {
        this.rows = rows;
        this.laneCount = laneCount;
    }

    static LaneRows empty() {
        return new LaneRows(List.of(), 0);
    }

    /**
     * @param filter    null for all lanes
     * @param collapsed keys ({@link #key}) of collapsed groups
     */
    static LaneRows build(Timeline timeline, List<LaneGroup> groups, Pattern filter, Set<String> collapsed) {
        BitSet matching = filter == null ? null : matchingLanes(timeline, filter);
        List<Row> rows = new ArrayList<>();
        int lanes = 0;
        for (LaneGroup.Kind kind : LaneGroup.Kind.values()) {
            List<Row> section = new ArrayList<>();
            int sectionLanes = 0;
            for (LaneGroup group : groups) {
                if (group.kind() != kind) {
                    continue;
                }
                List<Integer> shown = matching == null ? group.lanes()
                        : group.lanes().stream().filter(matching::get).toList();
                if (shown.isEmpty()) {
                    continue;
                }
                section.add(new Row(Kind.GROUP, group.name(), group, -1, shown.size(), shown));
                if (!collapsed.contains(key(group))) {
                    shown.forEach(id -> section.add(new Row(Kind.LANE, timeline.lane(id).displayName(), group, id, 1, List.of())));
                }
                sectionLanes += shown.size();
            }
            if (sectionLanes > 0) {
                rows.add(new Row(Kind.SECTION, SECTION_TITLES.get(kind), null, -1, sectionLanes, List.of()));
                rows.addAll(section);
                lanes += sectionLanes;
            }
        }
        return new LaneRows(List.copyOf(rows), lanes);
    }

    static String key(LaneGroup group) {
        return group.kind().label() + "|" + group.name();
    }

    int size() {
        return rows.size();
    }

    Row row(int index) {
        return rows.get(index);
    }

    /** The number of lanes that match the filter (collapsed ones included). */
    int laneCount() {
        return laneCount;
    }

    /**
     * The filter for {@code regex}, case-insensitive: text that is not a valid regular expression
     * matches literally; null or blank, no filter (null).
     */
    static Pattern filter(String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (java.util.regex.PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(regex), Pattern.CASE_INSENSITIVE);
        }
    }

    /** The row index of lane {@code laneId}, or -1 if it is filtered out or collapsed. */
    int indexOfLane(int laneId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).lane() == laneId) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The lanes whose name or stacks match, tested on every core: a regular expression over a
     * million names is a few hundred milliseconds on one.
     */
    private static BitSet matchingLanes(Timeline timeline, Pattern filter) {
        BitSet stacks = timeline.stacks().stacksMatching(filter);
        java.util.function.Predicate<String> names = nameTest(filter);
        boolean[] matches = new boolean[timeline.laneCount()];
        java.util.stream.IntStream.range(0, matches.length).parallel().forEach(id -> {
            Lane lane = timeline.lane(id);
            matches[id] = names.test(lane.displayName()) || usesAny(lane, stacks);
        });
        BitSet lanes = new BitSet(matches.length);
        for (int id = 0; id < matches.length; id++) {
            if (matches[id]) {
                lanes.set(id);
            }
        }
        return lanes;
    }

    /**
     * How a lane's name is tested: most filters typed are plain text (a thread name, "gen-99"), and
     * comparing text costs a fifth of running a matcher, which also leaves one object per lane
     * behind (a million of them, and a collection in the middle of the frame).
     */
    private static java.util.function.Predicate<String> nameTest(Pattern filter) {
        String text = filter.pattern();
        if (text.chars().anyMatch(c -> "\\^$.|?*+()[]{}".indexOf(c) >= 0)) {
            return name -> filter.matcher(name).find();
        }
        return name -> containsIgnoringCase(name, text);
    }

    private static boolean containsIgnoringCase(String name, String text) {
        for (int i = 0; i + text.length() <= name.length(); i++) {
            if (name.regionMatches(true, i, text, 0, text.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesAny(Lane lane, BitSet stacks) {
        if (stacks.isEmpty()) {
            return false;
        }
        if (lane.lastStack() >= 0 && stacks.get(lane.lastStack())) {
            return true;
        }
        for (int i = 0; i < lane.spanCount(); i++) {
            int stack = lane.spanStack(i);
            if (stack >= 0 && stacks.get(stack)) {
                return true;
            }
        }
        return false;
    }
}
