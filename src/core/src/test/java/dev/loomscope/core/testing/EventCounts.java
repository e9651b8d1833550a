package dev.loomscope.core.testing;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;

/** What a recording holds, read with the JDK's own parser: ground truth beside Loomscope's ingest. */
public final class EventCounts {
    private EventCounts() {
    }

    /** How many events of type {@code type} the recording holds with {@code thread} as their event thread. */
    public static int of(Path recording, String type, String thread) throws IOException {
        int n = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals(type) && event.getThread() != null
                        && thread.equals(event.getThread().getJavaName())) {
                    n++;
                }
            }
        }
        return n;
    }
}
