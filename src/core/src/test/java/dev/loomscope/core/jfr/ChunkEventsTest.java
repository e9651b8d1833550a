package dev.loomscope.core.jfr;

import dev.loomscope.core.testing.SampleRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunks parsed ahead on parser threads come out exactly as one read of the file gives them. */
class ChunkEventsTest {

    /** What one read of the file gave, up to where it stopped, and what stopped it. */
    private record Read(List<Key> events, Exception stoppedBy) {
    }

    @Test
    void parsedInParallelTheEventsComeInTheOrderOfOneRead() throws IOException {
        Path file = SampleRecordings.pipelineInSmallChunks();
        ChunkIndex index = ChunkIndex.read(file);
        assertTrue(index.completeChunks().size() >= 2, "the fixture needs several chunks");

        Read single = readWhole(file);
        for (int parsers : new int[] {1, 2, 4}) {
            Read chunked = readChunks(file, index.completeChunks(), parsers);
            assertEquals(single.events().size(), chunked.events().size(), parsers + " parsers");
            assertEquals(-1, firstDifference(single.events(), chunked.events()), parsers + " parsers: the first difference");
            assertEquals(null, chunked.stoppedBy());
        }
    }

    @Test
    void aChunkThatCannotBeParsedEndsTheEventsThereAndSaysWhy(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken-metadata.jfr");
        Files.copy(SampleRecordings.pipelineInSmallChunks(), file);
        ChunkIndex index = ChunkIndex.read(file);
        ChunkIndex.Chunk broken = index.completeChunks().get(1);
        breakMetadata(file, broken);

        Read single = readWhole(file);
        assertNotNull(single.stoppedBy(), "the fixture must stop a read of the file");
        Read chunked = readChunks(file, ChunkIndex.read(file).completeChunks(), 2);

        // One read loses the whole chunk's last event: it reads one event ahead, into the broken chunk.
        String stops = "one read stopped by " + single.stoppedBy() + ", the chunks by " + chunked.stoppedBy();
        assertTrue(chunked.events().size() - single.events().size() <= 1, stops);
        assertEquals(-1, firstDifference(single.events(), chunked.events().subList(0, single.events().size())), stops);
        assertNotNull(chunked.stoppedBy(), "the parser's failure reaches the reader");
    }

    /** Overwrites the chunk's metadata event, whose offset the chunk header holds at byte 24. */
    private static void breakMetadata(Path file, ChunkIndex.Chunk chunk) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer offset = ByteBuffer.allocate(8);
            channel.read(offset, chunk.offset() + 24);
            long metadata = chunk.offset() + offset.flip().getLong();
            ByteBuffer garbage = ByteBuffer.allocate(64);
            while (garbage.hasRemaining()) {
                garbage.put((byte) 0x7f);
            }
            channel.write(garbage.flip(), metadata + 8);
        }
    }

    private static Read readWhole(Path file) {
        List<Key> events = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                events.add(key(recording.readEvent()));
            }
        } catch (IOException | RuntimeException e) {
            return new Read(events, e);
        }
        return new Read(events, null);
    }

    private static Read readChunks(Path file, List<ChunkIndex.Chunk> chunks, int parsers) {
        List<Key> events = new ArrayList<>();
        try (ChunkEvents recording = ChunkEvents.open(file, chunks, parsers)) {
            for (RecordedEvent event = recording.next(); event != null; event = recording.next()) {
                events.add(key(event));
            }
        } catch (IOException | RuntimeException e) {
            return new Read(events, e);
        }
        return new Read(events, null);
    }

    /** The index of the first event that differs, or -1; printed with its neighbours when there is one. */
    private static int firstDifference(List<Key> expected, List<Key> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).matches(actual.get(i))) {
                for (int j = Math.max(0, i - 2); j < Math.min(i + 3, Math.min(expected.size(), actual.size())); j++) {
                    System.out.println(j + ": " + expected.get(j) + "  |  " + actual.get(j));
                }
                return i;
            }
        }
        return expected.size() == actual.size() ? -1 : Math.min(expected.size(), actual.size());
    }

    /** An event: its type, thread and duration, and its start time. */
    private record Key(String what, long start) {
        /**
         * The same event. The start may differ by a fraction of a microsecond: a chunk parsed on its
         * own converts its ticks from its own header's anchor, while one read of a file converts
         * every chunk's from the first chunk's (the JDK's ChunkParser keeps its TimeConverter), which
         * placed the later chunks' events 50-300 ns away here.
         */
        boolean matches(Key other) {
            return what.equals(other.what) && Math.abs(start - other.start) <= 1_000;
        }
    }

    private static Key key(RecordedEvent event) {
        long start = event.getStartTime().getEpochSecond() * 1_000_000_000L + event.getStartTime().getNano();
        return new Key(event.getEventType().getName() + "+"
                + java.time.Duration.between(event.getStartTime(), event.getEndTime()).toNanos()
                + (event.getThread() == null ? "" : "/" + event.getThread().getId()), start);
    }
}
