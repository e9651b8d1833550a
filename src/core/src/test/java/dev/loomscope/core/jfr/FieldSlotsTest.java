package dev.loomscope.core.jfr;

import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
