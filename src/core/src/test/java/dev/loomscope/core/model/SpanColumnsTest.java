package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanColumnsTest {

    @Test
    void aParkInsideAPutIsDrawnAsTheSend() {
        SpanColumns spans = new SpanColumns(4);
        // JFR delivers the inner park first (it ends first), the outer put after.
        spans.add(20, 90, ThreadState.WAITING.code(), 1, -1);
        spans.add(10, 100, ThreadState.BLOCKED_SEND.code(), 2, -1);

        assertEquals(1, spans.size(), "the send covers the park entirely and wins on priority");
        assertEquals(10, spans.start(0));
        assertEquals(100, spans.end(0));
        assertEquals(ThreadState.BLOCKED_SEND, spans.state(0));
    }

    /**
     * A queue operation that blocked (linked to its queue, no stack) over the park inside it (its
     * call site, no link): one wait told twice, so the span keeps both, in either order of arrival.
     */
    @Test
    void aLinkedSpanWithoutAStackKeepsTheStackOfTheSameWaitUnderIt() {
        for (boolean parkFirst : new boolean[] {true, false}) {
            SpanColumns spans = new SpanColumns(4);
            if (parkFirst) {
                spans.add(20, 90, ThreadState.BLOCKED_RECV.code(), 7, -1);
                spans.add(10, 100, ThreadState.BLOCKED_RECV.code(), -1, 3);
            } else {
                spans.add(10, 100, ThreadState.BLOCKED_RECV.code(), -1, 3);
                spans.add(20, 90, ThreadState.BLOCKED_RECV.code(), 7, -1);
            }
            assertEquals(3, spans.size(), "parkFirst " + parkFirst);
            assertEquals(-1, spans.stack(0), "before the park: the operation's own");
            assertEquals(20, spans.start(1));
            assertEquals(90, spans.end(1));
            assertEquals(7, spans.stack(1), "the park's site, parkFirst " + parkFirst);
            assertEquals(3, spans.link(1), "the operation's queue, parkFirst " + parkFirst);
        }
        SpanColumns other = new SpanColumns(4);
        other.add(20, 90, ThreadState.SLEEPING.code(), 7, -1);
        other.add(10, 100, ThreadState.BLOCKED_RECV.code(), -1, 3);
        assertEquals(-1, other.stack(0), "another state's stack is not taken: it says another wait");
        assertEquals(1, other.size());
    }

    @Test
    void aHigherPrioritySpanCutsALowerOneInThree() {
        SpanColumns spans = new SpanColumns(4);
        spans.add(0, 100, ThreadState.WAITING.code(), 1, -1);
        spans.add(40, 60, ThreadState.PINNED.code(), 2, -1);

        assertEquals(3, spans.size());
        assertSpan(spans, 0, 0, 40, ThreadState.WAITING);
        assertSpan(spans, 1, 40, 60, ThreadState.PINNED);
        assertSpan(spans, 2, 60, 100, ThreadState.WAITING);
    }

    @Test
    void contiguousIdenticalSpansAreStoredOnce() {
        SpanColumns spans = new SpanColumns(1);
        spans.add(0, 10, ThreadState.SLEEPING.code(), 3, -1);
        spans.add(10, 20, ThreadState.SLEEPING.code(), 3, -1);
        assertEquals(1, spans.size());
        assertEquals(20, spans.end(0));
    }

    @Test
    void emptySpansAreIgnored() {
        SpanColumns spans = new SpanColumns(1);
        spans.add(5, 5, ThreadState.IO.code(), -1, -1);
        spans.add(9, 3, ThreadState.IO.code(), -1, -1);
        assertEquals(0, spans.size());
    }

    /**
     * The overlay must equal, instant by instant, the highest-priority span covering that instant
     * (first added wins ties), whatever the order of arrival, and keep the columns sorted and
     * disjoint. Checked against a brute-force painting of a small time axis.
     */
    @Test
    void overlayMatchesABruteForcePaintingInAnyArrivalOrder() {
        Random random = new Random(42);
        ThreadState[] states = java.util.Arrays.copyOf(ThreadState.values(), ThreadState.ENDED.ordinal());
        for (int round = 0; round < 300; round++) {
            List<int[]> input = shuffledSpans(random, states, false);
            assertOverlaidAsPainted(paint(input), input, round);
        }
    }

    /**
     * One to twelve random spans within [0, 260), span k tagged with stack k (or, when {@code
     * someWithoutStack}, with -1 half the time), in a random order.
     */
    private static List<int[]> shuffledSpans(Random random, ThreadState[] states, boolean someWithoutStack) {
        List<int[]> input = new ArrayList<>();
        for (int k = 0; k < 1 + random.nextInt(12); k++) {
            int s = random.nextInt(200);
            int e = s + 1 + random.nextInt(60);
            int stack = someWithoutStack && random.nextBoolean() ? -1 : k;
            input.add(new int[] {s, e, states[random.nextInt(states.length)].code(), stack});
        }
        Collections.shuffle(input, random);
        return input;
    }

    /** Adds {@code input} in its order and checks each instant's stack against {@code painted}. */
    private static void assertOverlaidAsPainted(int[] painted, List<int[]> input, int round) {
        SpanColumns spans = new SpanColumns(2);
        for (int[] span : input) {
            spans.add(span[0], span[1], span[2], span[3], -1);
        }
        assertInvariants(spans);
        for (int t = 0; t < painted.length; t++) {
            int i = spans.indexAt(t);
            assertEquals(painted[t], i < 0 ? -1 : spans.stack(i), "round " + round + ", instant " + t);
        }
    }

    @Test
    void addingSortedSpansAtOnceIsTheSameAsOneByOne() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 500; round++) {
            SpanColumns once = new SpanColumns(4);
            SpanColumns oneByOne = new SpanColumns(4);
            for (int k = 0; k < 12; k++) {
                int s = random.nextInt(280);
                int[] span = {s, s + 1 + random.nextInt(20), random.nextInt(ThreadState.count() - 1), k, random.nextInt(3) - 1};
                once.add(span[0], span[1], span[2], span[3], span[4]);
                oneByOne.add(span[0], span[1], span[2], span[3], span[4]);
            }
            SpanColumns incoming = new SpanColumns(4);
            for (int t = random.nextInt(10); t < 300; t += 1 + random.nextInt(25)) {
                int e = t + 1 + random.nextInt(15);
                int[] span = {t, e, random.nextInt(ThreadState.count() - 1), 100 + t, random.nextInt(3) - 1};
                incoming.add(span[0], span[1], span[2], span[3], span[4]);
                oneByOne.add(span[0], span[1], span[2], span[3], span[4]);
                t = e;
            }
            once.addAll(incoming);
            assertInvariants(once);
            assertEquals(oneByOne.size(), once.size(), "round " + round);
            for (int i = 0; i < once.size(); i++) {
                String where = "round " + round + ", span " + i;
                assertEquals(oneByOne.start(i), once.start(i), where);
                assertEquals(oneByOne.end(i), once.end(i), where);
                assertEquals(oneByOne.stateBits(i), once.stateBits(i), where);
                assertEquals(oneByOne.stack(i), once.stack(i), where);
                assertEquals(oneByOne.link(i), once.link(i), where);
            }
        }
    }

    /**
     * Spans without a stack (a carrier's, a thread's running time) store no stack column: it
     * appears with the first span that has one, every span before it reading -1, and is kept
     * through overlays, merges and drops. Checked against a brute-force painting that also applies
     * the rule for a winner without a stack (it takes the stack of the same wait under it).
     */
    @Test
    void spansWithAndWithoutStacksMatchABruteForcePaintingInAnyArrivalOrder() {
        Random random = new Random(7);
        ThreadState[] states = {ThreadState.RUNNING, ThreadState.WAITING, ThreadState.BLOCKED_LOCK, ThreadState.SLEEPING};
        for (int round = 0; round < 300; round++) {
            List<int[]> input = shuffledSpans(random, states, true);
            assertOverlaidAsPainted(paint(input), input, round);
        }
    }

    @Test
    void aStackColumnExistsOnlyOnceASpanHasAStack() {
        SpanColumns spans = new SpanColumns(4);
        for (int t = 0; t < 100; t += 10) {
            spans.add(t, t + 5, ThreadState.RUNNING.code(), -1, -1);
        }
        spans.trimToSize();
        long withoutStacks = spans.retainedBytes();
        assertEquals(5 * 16 + 10 * (8 + 8 + 1), withoutStacks, "start, end and state only");

        spans.add(42, 48, ThreadState.WAITING.code(), 9, -1);
        spans.trimToSize();
        assertEquals(6 * 16 + spans.size() * (8 + 8 + 1 + 4), spans.retainedBytes(), "the stack column now too");
        for (int i = 0; i < spans.size(); i++) {
            int expected = spans.start(i) >= 42 && spans.end(i) <= 48 ? 9 : -1;
            assertEquals(expected, spans.stack(i), "span " + i + " at " + spans.start(i));
        }
        spans.dropBefore(45);
        assertEquals(9, spans.stack(spans.indexAt(46)), "kept through a drop");
        assertEquals(-1, spans.stack(spans.indexAt(50)));
    }

    /**
     * Per instant, the tag (stack id) of the winning span, -1 where none covers it: the highest
     * priority wins, ties go to the span stored first, and a winner without a stack takes the
     * loser's when both say the same state.
     */
    private static int[] paint(List<int[]> arrivalOrder) {
        int[] tag = new int[300];
        int[] state = new int[300];
        int[] priority = new int[300];
        java.util.Arrays.fill(tag, -1);
        java.util.Arrays.fill(priority, -1);
        for (int[] span : arrivalOrder) {
            int p = ThreadState.ofCode(span[2]).priority();
            for (int t = span[0]; t < span[1]; t++) {
                boolean sameState = priority[t] >= 0 && state[t] == span[2];
                if (p > priority[t]) {
                    tag[t] = span[3] >= 0 || !sameState ? span[3] : tag[t];
                    priority[t] = p;
                    state[t] = span[2];
                } else if (tag[t] < 0 && sameState) {
                    tag[t] = span[3];
                }
            }
        }
        return tag;
    }


    private static void assertInvariants(SpanColumns spans) {
        for (int i = 0; i < spans.size(); i++) {
            assertTrue(spans.start(i) < spans.end(i), "non-empty span " + i);
            if (i > 0) {
                assertTrue(spans.end(i - 1) <= spans.start(i), "disjoint and sorted at " + i);
            }
        }
    }

    private static void assertSpan(SpanColumns spans, int i, long start, long end, ThreadState state) {
        assertEquals(start, spans.start(i), "start of " + i);
        assertEquals(end, spans.end(i), "end of " + i);
        assertEquals(state, spans.state(i), "state of " + i);
    }
}
