package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedEvent;

import java.util.function.LongToIntFunction;

/**
 * The agent's batched future records of virtual threads ({@code loomscope.FutureBatch},
 * docs/events.md), each read as the future event it stands for: a creation at a call site, an
 * observation, a normal completion, a continuation's run. A record names its thread by id alone,
 * as a carrier's runs name an unnamed virtual thread; the runs give the lane its name.
 */
final class FutureBatches {
    private static final int RECORDS = 16;
    /** Per record {@code i}, its fields' slots are {@code field * RECORDS + i}. */
    private static final int THREAD = 0;
    private static final int AGO = RECORDS;
    private static final int LENGTH = 2 * RECORDS;
    private static final int KIND = 3 * RECORDS;
    private static final int FUTURE = 4 * RECORDS;
    private static final int A = 5 * RECORDS;
    private static final int B = 6 * RECORDS;
    private static final int C = 7 * RECORDS;
    private static final String[] NAMES = FieldSlots.numbered(RECORDS, "i", "s", "l", "k", "f", "a", "b", "c");

    /** A record's kind and its flag, as the agent writes them (FutureRecords). */
    private static final int KIND_BITS = 0xF;
    private static final int CREATED_AT_SITE = 1;
    private static final int OBSERVED = 2;
    private static final int COMPLETED = 3;
    private static final int CONTINUATION = 4;
    private static final int FLAG = 1 << 4;

    private final ChannelsAndFutures futures;
    private final LongToIntFunction lanes;
    /** The fields of the event type last seen. */
    private FieldSlots fields;

    /** {@code lanes}: the lane of a virtual thread the agent gave by id alone. */
    FutureBatches(ChannelsAndFutures futures, LongToIntFunction lanes) {
        this.futures = futures;
        this.lanes = lanes;
    }

    void accept(RecordedEvent event, long eventTime) {
        if (fields == null || !fields.fits(event)) { // looked up once per event type and chunk
            fields = new FieldSlots(event, NAMES);
        }
        int count = Math.min(RECORDS, event.getInt("count"));
        for (int i = 0; i < count; i++) {
            long t = eventTime - fields.getLong(event, AGO + i);
            long id = fields.getLong(event, FUTURE + i);
            int kind = (int) fields.getLong(event, KIND + i);
            if (t < 0 || id == 0) {
                continue;
            }
            switch (kind & KIND_BITS) {
                case CREATED_AT_SITE -> futures.createdAtSite(id, t, fields.getLong(event, A + i),
                        fields.getLong(event, B + i), fields.getLong(event, C + i));
                case OBSERVED -> futures.observed(id, (kind & FLAG) != 0, lane(event, i), t);
                case COMPLETED -> futures.completed(id, t, lane(event, i));
                case CONTINUATION -> {
                    long end = t + fields.getLong(event, LENGTH + i);
                    int lane = lane(event, i);
                    futures.ran(id, lane, t, end);
                    if ((kind & FLAG) != 0) {
                        futures.completed(id, end, lane);
                    }
                }
                default -> { }                      // a kind of a later agent: skipped
            }
        }
    }

    private int lane(RecordedEvent event, int i) {
        long thread = fields.getLong(event, THREAD + i);
        return thread > 0 ? lanes.applyAsInt(thread) : -1;
    }
}
