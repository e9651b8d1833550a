package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's operations stay sorted by end however they arrive, batch by batch, and drop cleanly;
 * what the queue is comes from its creation event, whenever that arrives.
 */
class ChannelTest {

    @Test
    void operationsArrivingOutOfOrderInBatchesEndUpSortedByEnd() {
        Random random = new Random(7);
        Channel channel = new Channel(0, 1, "java.util.concurrent.ArrayBlockingQueue", 16);
        List<long[]> all = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<long[]> ops = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long end = batch * 1_000 + random.nextInt(3_000); // late arrivals reach back two batches
                ops.add(new long[] {end - random.nextInt(100), end, random.nextInt(8)});
            }
            Collections.shuffle(ops, random);
            for (long[] op : ops) {
                channel.add(op[0], op[1], (int) op[2], Channel.Op.SEND, 0, true);
            }
            all.addAll(ops);
            channel.sort();
            assertSorted(channel, all.size());
        }
        all.sort((a, b) -> Long.compare(a[1], b[1]));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i)[1], channel.opEnd(i));
        }
    }

    @Test
    void droppingKeepsTheOperationsEndingFromThen() {
        Channel channel = new Channel(0, 1, "java.util.concurrent.SynchronousQueue", 0);
        for (int i = 0; i < 100; i++) {
            channel.add(i * 10L, i * 10L + 5, i % 3, i % 2 == 0 ? Channel.Op.SEND : Channel.Op.RECEIVE, 0, true);
        }
        channel.dropBefore(500);
        assertEquals(50, channel.opCount());
        assertEquals(505, channel.opEnd(0));
        channel.add(0, 2_000, 1, Channel.Op.SEND, 0, true);
        channel.add(0, 1_000, 1, Channel.Op.SEND, 0, true);
        channel.sort();
        assertSorted(channel, 52);
    }

    @Test
    void aQueueSeenFirstInAnOperationIsNamedByItsCreationEventAndNotRenamedByALaterOne() {
        TimelineWriter writer = new TimelineWriter();
        int channel = writer.channel(42);
        Channel seen = writer.timeline().channels().get(channel);
        assertEquals("?", seen.className());
        assertFalse(seen.capacityKnown());
        assertFalse(seen.bounded(), "not known to be bounded");

        assertEquals(channel, writer.channel(42, "java.util.concurrent.ArrayBlockingQueue", 64));
        assertEquals(channel, writer.channel(42, "java.util.concurrent.LinkedBlockingQueue", 8));
        assertEquals("ArrayBlockingQueue", seen.simpleName());
        assertEquals(64, seen.capacity());
        assertTrue(seen.bounded());
    }

    private static void assertSorted(Channel channel, int count) {
        assertEquals(count, channel.opCount());
        for (int i = 1; i < channel.opCount(); i++) {
            assertEquals(true, channel.opEnd(i - 1) <= channel.opEnd(i), "sorted at " + i);
        }
    }
}
