package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The primitive id index answers as a HashMap would, through growth and colliding keys. */
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
}
