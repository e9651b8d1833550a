package dev.loomscope.core.capture;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingLimitsTest {
    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals(500L << 20, RecordingLimits.parseSize("500m"));
        assertEquals(2L << 30, RecordingLimits.parseSize("2GB"));
        assertEquals(750L << 20, RecordingLimits.parseSize("750 MB"));
        assertEquals(1_048_576L, RecordingLimits.parseSize("1048576"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordingLimits.parseSize("big"));
        assertTrue(e.getMessage().contains("500m, 2g"), e.getMessage());
    }

    @Test
    void jfrIsAlwaysToldTheSizeSoItsOwnQuarterGigabyteNeverApplies() {
        assertEquals(",maxsize=0", RecordingLimits.NONE.jfrOptions());
        assertEquals(",maxsize=1073741824", RecordingLimits.DEFAULT.jfrOptions());
        assertEquals(",maxsize=0,maxage=7200s", RecordingLimits.NONE.withMaxAge(Duration.ofHours(2)).jfrOptions());
        assertEquals("1 GB", RecordingLimits.DEFAULT.describe());
        assertEquals("500 MB, 2 h", RecordingLimits.NONE.withMaxBytes(500L << 20).withMaxAge(Duration.ofHours(2)).describe());
        assertEquals("everything", RecordingLimits.NONE.describe());
    }
}
