package dev.loomscope.core.live;

import dev.loomscope.core.capture.RecordingLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static byte[] chunk(int size, char fill) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
