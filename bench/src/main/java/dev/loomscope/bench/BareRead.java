package dev.loomscope.bench;

import java.nio.file.Path;

/**
 * A bare {@code RecordingFile} read of one file as a program of its own: the yardstick the
 * whole-process rows of {@code bench scale} hold {@code loomscope summary} and {@code analyze} to.
 */
public final class BareRead {
    private BareRead() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(IngestBenchmark.bareRead(Path.of(args[0])) + " events");
    }
}
