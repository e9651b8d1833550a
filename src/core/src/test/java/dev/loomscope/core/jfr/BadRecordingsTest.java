package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear message, loses nothing that is intact, and never hangs. */
class BadRecordingsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotJfrSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.jfr"), "these are my notes, not a recording\n");
        RecordingException e = assertThrows(RecordingException.class, () -> load(file));
        assertTrue(e.getMessage().contains("is not a JFR recording"), e.getMessage());
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jfr"));
        RecordingException e = assertThrows(RecordingException.class, () -> load(file));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        RecordingException e = assertThrows(RecordingException.class, () -> load(dir.resolve("nope.jfr")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aSingleChunkCutInHalfHasNothingWholeAndSaysWhere() throws IOException {
        Path cut = cutInHalf(SampleRecordings.pipeline(), "single-cut.jfr");
        RecordingException e = assertThrows(RecordingException.class, () -> load(cut));
        assertTrue(e.getMessage().contains("no complete chunk"), e.getMessage());
        assertTrue(e.getMessage().contains("cut at byte " + Files.size(cut)), e.getMessage());
    }

    @Test
    void aMultiChunkRecordingCutInHalfLoadsItsWholeChunksAndSaysWhereItBroke() throws IOException {
        Path whole = SampleRecordings.pipelineInSmallChunks();
        ChunkIndex index = ChunkIndex.read(whole);
        assertTrue(index.chunks().size() >= 2, "the fixture needs several chunks, has " + index.chunks().size());
        Path cut = cutInHalf(whole, "multi-cut.jfr");
        ChunkIndex cutIndex = ChunkIndex.read(cut);
        long intact = cutIndex.completeChunks().size();
        assertTrue(intact >= 1 && intact < index.chunks().size(), "the cut falls after a whole chunk");

        Timeline timeline = load(cut);

        assertEquals(intact, timeline.info().chunkCount());
        assertTrue(timeline.laneCount() > 0);
        assertTrue(timeline.lanes().stream().anyMatch(l -> l.name().startsWith("pipeline-source-")));
        String warning = String.join("\n", timeline.info().warningTexts());
        assertTrue(warning.contains("cut at byte " + Files.size(cut)), warning);
        Timeline full = load(whole);
        assertTrue(timeline.durationNanos() < full.durationNanos(), "the cut timeline ends earlier");
    }

    @Test
    void cancellingStopsTheLoad() {
        LoadMonitor cancelNow = new LoadMonitor() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        Path file = SampleRecordings.pipelineInSmallChunks();
        assertTimeoutPreemptively(PATIENCE, () -> {
            assertThrows(LoadCancelledException.class, () -> RecordingLoader.load(file, cancelNow));
        });
    }

    private Timeline load(Path file) throws IOException {
        return assertTimeoutPreemptively(PATIENCE, () -> RecordingLoader.load(file, LoadMonitor.NONE));
    }

    private Path cutInHalf(Path source, String name) throws IOException {
        Path copy = Files.copy(source, dir.resolve(name));
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        return copy;
    }
}
