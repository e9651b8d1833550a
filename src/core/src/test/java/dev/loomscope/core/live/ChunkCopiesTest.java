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

    @Test
    void onlyWhatTheHeaderDeclaresIsCopiedSoBytesPatchedPastItArriveAsPatched(@TempDir Path repository,
                                                                              @TempDir Path out) throws Exception {
        ChunkCopies copies = new ChunkCopies(repository, RecordingLimits.NONE);
        Path file = repository.resolve("2026_01.jfr");
        byte[] chunk = chunk(1000, 'a');
        declare(chunk, 600, (byte) 1); // flushed up to 600; the target is still writing past it
        Files.write(file, chunk);
        copies.copyNew(false);

        chunk[800] = 'z'; // a checkpoint's size, patched in place once it was written
        declare(chunk, 1000, (byte) 0); // the recording stopped: the chunk is finished
        Files.write(file, chunk);
        copies.copyNew(true);
        Path saved = out.resolve("saved.jfr");
        copies.writeTo(saved);
        assertArrayEquals(chunk, Files.readAllBytes(saved), "the finished chunk, patch included");
        copies.delete();
    }

    @Test
    void aHeaderBeingRewrittenIsNotCopiedUntilItIsStable(@TempDir Path repository) throws Exception {
        ChunkCopies copies = new ChunkCopies(repository, RecordingLimits.NONE);
        byte[] chunk = chunk(1000, 'a');
        declare(chunk, 1000, (byte) 255);
        Files.write(repository.resolve("2026_01.jfr"), chunk);
        copies.copyNew(false);
        assertEquals(0, copies.count(), "nothing copied while the header is being rewritten");

        declare(chunk, 1000, (byte) 2);
        Files.write(repository.resolve("2026_01.jfr"), chunk);
        copies.copyNew(false);
        assertEquals(1, copies.count());
        copies.delete();
    }

    /** A chunk of {@code size} bytes whose header declares all of it valid, finished. */
    private static byte[] chunk(int size, char fill) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) fill);
        declare(bytes, size, (byte) 0);
        return bytes;
    }

    /** Writes the header fields a copy reads: the valid size and the state byte (0 finished, 255 updating). */
    private static void declare(byte[] chunk, long validSize, byte state) {
        java.nio.ByteBuffer.wrap(chunk).putLong(8, validSize);
        chunk[64] = state;
    }
}
