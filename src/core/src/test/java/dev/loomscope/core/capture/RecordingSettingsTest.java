package dev.loomscope.core.capture;

import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two overlays as the JVM reads them: what a capture with the agent leaves to its runs. */
class RecordingSettingsTest {

    @Test
    void withoutTheAgentEveryParkAndCarrierSwitchIsTraced() throws Exception {
        Map<String, String> settings = Configuration.create(RecordingSettings.overlayFile(false)).getSettings();

        assertEquals("0 ms", settings.get("jdk.MethodTrace#threshold"));
        assertTrue(settings.get("jdk.MethodTrace#filter").contains("java.lang.VirtualThread::runContinuation"));
        assertEquals("true", settings.get("jdk.VirtualThreadStart#enabled"));
        assertEquals("1 ms", settings.get("jdk.ThreadSleep#threshold"));
    }

    @Test
    void withTheAgentOnlyLongWaitsTakeAStack() throws Exception {
        Map<String, String> settings = Configuration.create(RecordingSettings.overlayFile(true)).getSettings();

        assertEquals(RecordingSettings.SITE_THRESHOLD, settings.get("jdk.MethodTrace#threshold"));
        assertEquals(RecordingSettings.SITE_THRESHOLD, settings.get("jdk.ThreadSleep#threshold"));
        assertEquals("java.lang.VirtualThread::park;java.lang.VirtualThread::parkNanos",
                settings.get("jdk.MethodTrace#filter"), "a park's stack names the queue or future call it is in");
        assertEquals("false", settings.get("jdk.VirtualThreadStart#enabled"));
        assertEquals("false", settings.get("jdk.VirtualThreadEnd#enabled"));
        assertEquals("1 ms", settings.get("jdk.JavaMonitorEnter#threshold"), "monitor waits are not the agent's");
    }
}
