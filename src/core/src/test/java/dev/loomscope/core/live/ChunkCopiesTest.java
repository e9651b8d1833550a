package dev.loomscope.core.live;

import dev.loomscope.core.capture.RecordingLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCopiesTest {
    @Test
    void theOldestChunksGoWhenTheCopiesOutgrowTheLimitAndNeverComeBack(@TempDir Path repository, @TempDir Path out)
            throws Exception {
        ChunkCopies copies = new ChunkCopies(repository, RecordingLimits.NONE.withMaxBytes(2500));
        byte[] a = chunk(1000, 'a');
        byte[] b = chunk(1000, 'b');
        byte[] c = chunk(1000, 'c');
        Files.write(repository.resolve("2026_01.jfr"), a);
        Files.write(repository.resolve("2026_02.jfr"), b);
        copies.copyNew(false);
        assertEquals(2, copies.count());
        assertEquals(0, copies.droppedBytes());

        Files.write(repository.resolve("2026_03.jfr"), c);
        copies.copyNew(false);
        copies.copyNew(false);   // the target still has the dropped chunk: it is not copied again
        assertEquals(2, copies.count());
        assertEquals(1000, copies.droppedBytes());
        Path saved = out.resolve("saved.jfr");
        copies.writeTo(saved);
        byte[] expected = new byte[2000];
        System.arraycopy(b, 0, expected, 0, 1000);
        System.arraycopy(c, 0, expected, 1000, 1000);
        assertArrayEquals(expected, Files.readAllBytes(saved), "the newest chunks, oldest first");
        copies.delete();
    }

    @Test
    void theNewestChunkStaysWhateverItsSize(@TempDir Path repository) throws Exception {
        ChunkCopies copies = new ChunkCopies(repository, RecordingLimits.NONE.withMaxBytes(100));
        Files.write(repository.resolve("2026_01.jfr"), chunk(1000, 'a'));
        copies.copyNew(false);
        assertEquals(1, copies.count());
        copies.delete();
    }

    @Test
    void aChunkThatCannotBeCopiedIsSavedAsFarAsItGotAndSaveSaysSo(@TempDir Path repository, @TempDir Path dir,
                                                                 @TempDir Path out) throws Exception {
        ChunkCopies copies = new ChunkCopies(repository, RecordingLimits.NONE, dir);
        byte[] a = chunk(1000, 'a');
        Files.write(repository.resolve("2026_01.jfr"), a);
        Files.write(repository.resolve("2026_02.jfr"), chunk(1000, 'b'));
        Files.createDirectory(dir.resolve("2026_02.jfr")); // where its copy goes: writing it fails

        copies.copyNew(false);
        Path saved = out.resolve("saved.jfr");
        IOException error = assertThrows(IOException.class, () -> copies.writeTo(saved));

        assertTrue(error.getMessage().contains("may end before the session did")
                && error.getMessage().contains("2026_02.jfr"), error.getMessage());
        assertArrayEquals(a, Files.readAllBytes(saved), "what was copied is saved");
    }

    private static byte[] chunk(int size, char fill) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
