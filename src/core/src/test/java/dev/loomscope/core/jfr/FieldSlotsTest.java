package dev.loomscope.core.jfr;

import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a field by position gives what reading it by name gives, on the agent's real batched runs. */
class FieldSlotsTest {
    private static final String[] NAMES = {"count", "reasons", "t0", "s0", "l3", "q15", "w7", "i15", "stackTrace"};

    @Test
    void positionsReadWhatNamesRead() throws IOException {
        int compared = 0;
        FieldSlots slots = null;
        try (RecordingFile file = new RecordingFile(SampleRecordings.starvedWithBatchedRuns())) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("loomscope.CarrierRuns")) {
                    continue;
                }
                if (slots == null || !slots.fits(event)) {
                    slots = new FieldSlots(event, NAMES);
                }
                for (int slot = 0; slot < 8; slot++) {
                    assertTrue(slots.has(slot), NAMES[slot]);
                }
                assertEquals(event.getInt("count"), slots.getLong(event, 0));
                assertEquals(event.getLong("reasons"), slots.getLong(event, 1));
                RecordedThread byName = event.getThread("t0");
                RecordedThread bySlot = slots.getThread(event, 2);
                assertEquals(byName == null ? null : byName.getJavaThreadId(), bySlot == null ? null : bySlot.getJavaThreadId());
                for (int slot = 3; slot < 8; slot++) {
                    assertEquals(event.getLong(NAMES[slot]), slots.getLong(event, slot), NAMES[slot]);
                }
                compared++;
            }
        }
        assertTrue(compared > 10, "batched runs read: " + compared);
        assertTrue(FieldSlots.byPosition(), "the tests run with " + FieldSlots.OPEN + ", so positions are used");
    }

    @Test
    void threadsReadByPositionAsTheirGettersReadThem() throws IOException {
        ThreadFields fields = new ThreadFields();
        int compared = 0;
        try (RecordingFile file = new RecordingFile(SampleRecordings.pipelineWithAgent())) {
            while (file.hasMoreEvents()) {
                RecordedThread thread = file.readEvent().getThread();
                if (thread == null) {
                    continue;
                }
                assertEquals(thread.getJavaThreadId(), fields.javaThreadId(thread));
                assertEquals(thread.getJavaName(), fields.javaName(thread));
                assertEquals(thread.isVirtual(), fields.isVirtual(thread));
                assertEquals(thread.getOSThreadId(), fields.osThreadId(thread));
                compared++;
            }
        }
        assertTrue(compared > 1000, "threads compared: " + compared);
    }
    /**
     * Every event's thread, stack and asked-for time read by position ({@link EventTypes}) are
     * what its getters give, on recordings with parks and sleeps of every kind: the JDK's own
     * settings, Loomscope's, the agent's.
     */
    @Test
    void eventsThreadsStacksAndLimitsReadByPositionAsTheirGettersReadThem() throws IOException {
        int limits = 0;
        for (java.nio.file.Path recording : java.util.List.of(SampleRecordings.pipeline(),
                SampleRecordings.leakyWithJdkProfile(), SampleRecordings.pipelineWithAgent())) {
            EventTypes types = new EventTypes();
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    EventKind kind = types.enter(event);
                    assertSame(event.getThread(), types.thread(event), event.getEventType().getName());
                    assertSame(event.getStackTrace(), types.stack(event), event.getEventType().getName());
                    if (kind == EventKind.PARK || kind == EventKind.SLEEP) {
                        String field = kind == EventKind.PARK ? "timeout" : "time";
                        long byName = event.getLong(field) < 0 ? -1 : event.getDuration(field).toNanos();
                        assertEquals(byName, types.limitNanos(event), event.toString());
                        limits++;
                    }
                }
            }
        }
        assertTrue(limits > 100, "parks and sleeps compared: " + limits);
    }
}
