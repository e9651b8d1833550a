package dev.loomscope.core.jfr;

import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events parsed on a thread of their own read as JFR reads them on the caller's, failures included. */
class ParsedEventsTest {
    @TempDir
    Path dir;

    @Test
    void everyEventComesInTheFilesOrderWithItsValues() throws IOException {
        Path file = SampleRecordings.pipelineInSmallChunks();
        List<String> direct = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                direct.add(describe(recording.readEvent()));
            }
        }
        List<String> parsed = new ArrayList<>();
        try (ParsedEvents events = ParsedEvents.of(file)) {
            for (RecordedEvent event = events.next(); event != null; event = events.next()) {
                parsed.add(describe(event));
            }
            assertNull(events.next(), "the end stays the end");
        }
        assertTrue(direct.size() > 10_000, "a fixture of several batches: " + direct.size());
        assertEquals(direct, parsed);
    }

    @Test
    void whatStopsParsingComesAfterTheEventsBeforeIt() throws IOException {
        Path cut = Files.copy(SampleRecordings.pipelineInSmallChunks(), dir.resolve("cut.jfr"));
        try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
            file.setLength(file.length() * 2 / 3);
        }
        int directCount = 0;
        Exception directFailure = null;
        try (RecordingFile recording = new RecordingFile(cut)) {
            while (recording.hasMoreEvents()) {
                recording.readEvent();
                directCount++;
            }
        } catch (IOException | RuntimeException e) {
            directFailure = e;
        }
        assertNotNull(directFailure, "the fixture must break JFR's reader");

        int parsedCount = 0;
        Exception parsedFailure = null;
        try (ParsedEvents events = ParsedEvents.of(cut)) {
            while (events.next() != null) {
                parsedCount++;
            }
        } catch (IOException | RuntimeException e) {
            parsedFailure = e;
        }
        assertEquals(directCount, parsedCount, "the events before the break");
        assertNotNull(parsedFailure);
        assertEquals(directFailure.getClass(), parsedFailure.getClass());
        assertEquals(directFailure.getMessage(), parsedFailure.getMessage());
    }

    @Test
    void closingEarlyLetsGoOfTheFile() throws IOException {
        Path copy = Files.copy(SampleRecordings.pipelineInSmallChunks(), dir.resolve("copy.jfr"));
        try (ParsedEvents events = ParsedEvents.of(copy)) {
            for (int i = 0; i < 10; i++) {
                assertNotNull(events.next());
            }
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("loomscope-parse copy.jfr")), "the parser has stopped");
        Files.delete(copy);
    }

    private static String describe(RecordedEvent event) {
        return event.getEventType().getName() + " " + event.getStartTime() + " " + event.getEndTime() + " "
                + (event.getThread() == null ? "-" : event.getThread().getJavaThreadId()) + " "
                + (event.getStackTrace() == null ? 0 : event.getStackTrace().getFrames().size());
    }
}
