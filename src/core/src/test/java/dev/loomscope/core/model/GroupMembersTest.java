package dev.loomscope.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A group's lanes come out in the order the comparator gives, however they were added and sorted. */
class GroupMembersTest {
    private final Random random = new Random(20261205);

    @Test
    void distinctNumbersTiesAndNamesWithoutANumberAllSortAsTheComparatorDoes() {
        for (int round = 0; round < 200; round++) {
            int lanes = 1 + random.nextInt(300);
            long[] number = new long[lanes];
            long[] start = new long[lanes];
            int shape = round % 3;               // distinct numbers, some repeated, some missing
            for (int id = 0; id < lanes; id++) {
                number[id] = shape == 2 && random.nextInt(10) == 0 ? -1
                        : shape == 1 ? random.nextInt(lanes / 2 + 1) : id * 7L + random.nextInt(7);
                start[id] = random.nextInt(1000);
            }
            Comparator<Integer> order = (a, b) -> {
                int c = number[a] >= 0 && number[b] >= 0 ? Long.compare(number[a], number[b])
                        : Boolean.compare(number[a] >= 0, number[b] >= 0);
                if (c == 0) {
                    c = Long.compare(start[a], start[b]);
                }
                return c != 0 ? c : Integer.compare(a, b);
            };
            GroupMembers members = new GroupMembers();
            List<Integer> expected = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < lanes; id++) {
                ids.add(id);
            }
            java.util.Collections.shuffle(ids, random);
            for (int id : ids) {                  // added in batches, sorted after each, as updates do
                members.add(id);
                expected.add(id);
                if (random.nextInt(20) == 0) {
                    members.sort(number, order);
                }
            }
            if (lanes > 2) {                      // a renamed lane leaves
                members.remove(ids.get(1));
                expected.remove(ids.get(1));
            }
            members.sort(number, order);
            expected.sort(order);
            assertEquals(expected, members.lanes(), "round " + round);
        }
    }
}
