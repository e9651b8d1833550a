package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The primitive id index answers as a HashMap would: dense, strided and random ids, in any order. */
class LongIndexTest {

    @Test
    void answersAsAMapWould() {
        Random random = new Random(3);
        LongIndex index = new LongIndex();
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            long key = i % 3 == 0 ? random.nextLong() : i * 1024L; // dense, strided and random ids
            if (index.get(key) < 0) {
                index.put(key, i);
                reference.put(key, i);
            }
        }
        reference.forEach((key, value) -> assertEquals(value, index.get(key)));
        assertEquals(-1, index.get(-7L));
    }

    @Test
    void keysHashedBeforeTheirPageExistsAreStillFound() {
        LongIndex index = new LongIndex();
        Map<Long, Integer> reference = new HashMap<>();
        int value = 0;
        for (long key = 0; key < 200 * 1024L; key += 1024) {   // one key a page: too sparse to page them all
            index.put(key + 5, value);
            reference.put(key + 5, value++);
        }
        for (long key = 0; key < 200 * 1024L; key++) {          // then dense: pages over the hashed keys
            if (index.get(key) < 0) {
                index.put(key, value);
                reference.put(key, value++);
            }
        }
        index.put(Long.MAX_VALUE, value);
        reference.put(Long.MAX_VALUE, value);
        reference.forEach((key, v) -> assertEquals(v, index.get(key), () -> "key " + key));
        assertEquals(-1, index.get(200 * 1024L));
        assertEquals(-1, index.get(Long.MIN_VALUE));
    }
}
