package dev.loomscope.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table the hooks keep per-thread state in: a thread finds what it put last, a release uncovers
 * what it put before, and a thread whose probes are all taken goes without.
 */
class ThreadSlotsTest {
    // Four slots, each thread probing all four: a handful of threads fills it.
    private final ThreadSlots<String> slots = new ThreadSlots<>(4, 4);
    private final Thread self = Thread.currentThread();

    @Test
    void aThreadFindsWhatItPutLast() {
        assertTrue(slots.put(self, "outer"));
        assertTrue(slots.put(self, "inner"));
        assertEquals("inner", slots.value(slots.find(self)));
        assertEquals("inner", slots.releaseOwn(self));
        assertNull(slots.releaseOwn(self), "the one slot was overwritten: nothing is left");
    }

    @Test
    void aSlotFreedBeforeItsOwnTakesTheNewerValueAndItsReleaseUncoversTheOlder() {
        List<Thread> others = fill(4);
        Thread first = null;                                 // the other holding our first probe
        for (Thread other : others) {
            if (slots.find(other) == slots.start(self)) {
                first = other;
            } else {
                slots.releaseOwn(other);
            }
        }
        assertTrue(slots.put(self, "outer"));               // after our first probe
        slots.releaseOwn(first);                              // a hole before it
        assertTrue(slots.put(self, "inner"));
        assertEquals(slots.start(self), slots.find(self));
        assertEquals("inner", slots.releaseOwn(self));
        assertEquals("outer", slots.releaseOwn(self));
        assertNull(slots.releaseOwn(self));
    }

    @Test
    void aClearedSlotStaysTakenUntilReleased() {
        assertTrue(slots.put(self, "site"));
        int slot = slots.find(self);
        slots.clearValue(slot);
        assertEquals(slot, slots.find(self));
        assertNull(slots.value(slot));
        slots.releaseOwn(self);
        assertEquals(-1, slots.find(self));
    }

    @Test
    void aThreadWhoseProbesAreAllTakenGoesWithout() {
        fill(4);
        assertFalse(slots.put(self, "site"));
        assertEquals(-1, slots.find(self));
    }

    /** {@code n} threads (not started: only their identity matters) holding a slot each. */
    private List<Thread> fill(int n) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = Thread.ofVirtual().unstarted(() -> { });
            assertTrue(slots.put(t, "other " + i));
            threads.add(t);
        }
        return threads;
    }
}
