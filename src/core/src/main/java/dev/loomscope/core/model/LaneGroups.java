package dev.loomscope.core.model;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The {@link LaneGroup}s of a timeline, kept current as it grows (a live session): each update
 * places only the lanes added or renamed since the last, and rebuilds only the groups they
 * touched, so a refresh costs the new threads, not all of them (a million lanes took half a second
 * to group from scratch, once a second). {@link LaneGroup#of} is one update of a new instance.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LaneGroups {
    private final Map<LaneGroup.Kind, Map<String, GroupMembers>> byKind = new EnumMap<>(LaneGroup.Kind.class);
    /** By lane id: the name it was grouped by (its prefix and number), and the group it went to. */
    private String[] placedPrefix = new String[0];
    private int[] placedNumber = new int[0];
    private GroupMembers[] placedIn = new GroupMembers[0];
    /** By lane id: {@link LaneGroup#onlyNumber} of the name it was grouped by, what orders it cheaply. */
    private long[] number = new long[0];
    private int placed;
    /** The group the lane placed last went to: threads of one pattern tend to come in runs. */
    private String lastPattern;
    private LaneGroup.Kind lastKind;
    private GroupMembers lastMembers;
    /**
     * The last name prefix seen with a number after it, and whether it has no digits of its own: a
     * prefix followed by any number falls in one pattern, so a run of one family is placed without
     * building its names (a million-thread load spent most of its grouping on them).
     */
    private String numberedPrefix;
    private boolean numberedPrefixDigitFree;

    /**
     * The groups of {@code timeline}, which must be the one of every earlier update; read lock held.
     * A finished timeline was grouped when it was finished, on the loading thread: those groups.
     */
    public List<LaneGroup> update(Timeline timeline) {
        List<LaneGroup> finished = timeline.groups;
        if (finished != null) {
            return finished;
        }
        int count = timeline.laneCount();
        if (placedPrefix.length < count) {
            placedPrefix = java.util.Arrays.copyOf(placedPrefix, Math.max(count, placedPrefix.length * 2));
            placedNumber = java.util.Arrays.copyOf(placedNumber, placedPrefix.length);
            placedIn = java.util.Arrays.copyOf(placedIn, placedPrefix.length);
            number = java.util.Arrays.copyOf(number, placedPrefix.length);
        }
        lastMembers = null; // an emptied group is removed below
        Map<GroupMembers, Boolean> touched = new IdentityHashMap<>();
        for (int id = 0; id < placed; id++) {
            Lane lane = timeline.lane(id);
            if (placedNumber[id] != lane.nameNumber() || !placedPrefix[id].equals(lane.namePrefix())) {
                // renamed: threads get their names late
                placedIn[id].remove(id);
                touched.put(placedIn[id], true);
                place(lane, touched);
            }
        }
        for (int id = placed; id < count; id++) {
            place(timeline.lane(id), touched);
        }
        placed = count;
        Comparator<Integer> order = (a, b) -> {
            long na = number[a];
            long nb = number[b];
            int c = na >= 0 && nb >= 0 ? Long.compare(na, nb)
                    : LaneGroup.compareNumbers(timeline.lane(a).name(), timeline.lane(b).name());
            if (c == 0) {
                c = Long.compare(timeline.lane(a).lifeStart(), timeline.lane(b).lifeStart());
            }
            return c != 0 ? c : Integer.compare(a, b);
        };
        List<LaneGroup> groups = new ArrayList<>();
        byKind.forEach((kind, named) -> named.values().removeIf(GroupMembers::isEmpty));
        byKind.forEach((kind, named) -> named.forEach((name, members) -> {
            if (touched.containsKey(members) || members.built == null) {
                members.sort(number, order);
                members.built = new LaneGroup(name, kind, members.lanes());
            }
            groups.add(members.built);
        }));
        return groups;
    }

    private void place(Lane lane, Map<GroupMembers, Boolean> touched) {
        String prefix = lane.namePrefix();
        int nameNumber = lane.nameNumber();
        String pattern;
        long onlyNumber;
        if (nameNumber >= 0 && lastPattern != null && prefix.equals(numberedPrefix)) {
            pattern = lastPattern;
            onlyNumber = numberedPrefixDigitFree ? nameNumber : LaneGroup.onlyNumber(lane.name());
        } else {
            String name = lane.name();
            pattern = lastPattern != null && LaneGroup.fits(name, lastPattern) ? lastPattern : LaneGroup.patternOf(name);
            onlyNumber = LaneGroup.onlyNumber(name);
            numberedPrefix = nameNumber >= 0 ? prefix : null;
            numberedPrefixDigitFree = LaneGroup.nextDigit(prefix, 0) == prefix.length();
        }
        LaneGroup.Kind kind = LaneGroup.kindOf(lane, pattern);
        GroupMembers members = lastMembers != null && pattern.equals(lastPattern) && kind == lastKind ? lastMembers
                : byKind.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(pattern, k -> new GroupMembers());
        if (members != lastMembers) {
            touched.put(members, true);
        }
        members.add(lane.id());
        placedPrefix[lane.id()] = lane.namePrefix();
        placedNumber[lane.id()] = lane.nameNumber();
        placedIn[lane.id()] = members;
        number[lane.id()] = onlyNumber;
        lastPattern = pattern;
        lastKind = kind;
        lastMembers = members;
    }
}
