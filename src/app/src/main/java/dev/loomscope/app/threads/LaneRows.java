package dev.loomscope.app.threads;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
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

    /**
     * The rows in runs: a section or group header is a run of one; an unfolded group's lanes are one
     * run, whose rows are made when asked for. Unfolding a group of a million threads then costs a
     * run, not a million rows.
     */
    private record Run(int firstRow, Row header, LaneGroup group, List<Integer> lanes) {
        int size() {
            return header != null ? 1 : lanes.size();
        }

        Run at(int row) {
            return new Run(row, header, group, lanes);
        }
    }

    private final Timeline timeline;
    private final List<Run> runs;
    private final int size;
    private final int laneCount;

    private LaneRows(Timeline timeline, List<Run> runs, int laneCount) {
        this.timeline = timeline;
        this.runs = runs;
        this.size = runs.isEmpty() ? 0 : runs.getLast().firstRow() + runs.getLast().size();
        this.laneCount = laneCount;
    }

    static LaneRows empty() {
        return new LaneRows(null, List.of(), 0);
    }

    /**
     * @param filter    null for all lanes
     * @param collapsed keys ({@link #key}) of collapsed groups
     */
    static LaneRows build(Timeline timeline, List<LaneGroup> groups, Pattern filter, Set<String> collapsed) {
        BitSet matching = filter == null ? null : matchingLanes(timeline, filter);
        List<Run> runs = new ArrayList<>();
        int rows = 0;
        int lanes = 0;
        for (LaneGroup.Kind kind : LaneGroup.Kind.values()) {
            List<Run> section = new ArrayList<>(); // placed once the section's header is
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
                section.add(new Run(0, new Row(Kind.GROUP, group.name(), group, -1, shown.size(), shown), group, List.of()));
                if (!collapsed.contains(key(group))) {
                    section.add(new Run(0, null, group, shown));
                }
                sectionLanes += shown.size();
            }
            if (sectionLanes > 0) {
                section.addFirst(new Run(0, new Row(Kind.SECTION, SECTION_TITLES.get(kind), null, -1, sectionLanes,
                        List.of()), null, List.of()));
                for (Run run : section) {
                    runs.add(run.at(rows));
                    rows += run.size();
                }
                lanes += sectionLanes;
            }
        }
        return new LaneRows(timeline, List.copyOf(runs), lanes);
    }

    static String key(LaneGroup group) {
        return group.kind().label() + "|" + group.name();
    }

    int size() {
        return size;
    }

    Row row(int index) {
        Objects.checkIndex(index, size);
        Run run = runs.get(runOf(index));
        if (run.header() != null) {
            return run.header();
        }
        int id = run.lanes().get(index - run.firstRow());
        return new Row(Kind.LANE, timeline.lane(id).displayName(), run.group(), id, 1, List.of());
    }

    /** The run holding row {@code index}: the last that starts at or before it. */
    private int runOf(int index) {
        int lo = 0;
        int hi = runs.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (runs.get(mid).firstRow() <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
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
        for (Run run : runs) {
            int at = run.header() == null ? run.lanes().indexOf(laneId) : -1;
            if (at >= 0) {
                return run.firstRow() + at;
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
