package dev.loomscope.core.testing;

import dev.loomscope.core.live.AttachException;
import dev.loomscope.core.live.LocalJvms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample app running in a child JVM, not recorded: a target to attach to. Killed when closed.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} from the test class path and waits until it can be attached to. */
    public static ChildJvm start(String mainClass, String... args) throws IOException, InterruptedException {
        return startWith(List.of(), mainClass, args);
    }

    /** As {@link #start}, with JVM options before the main class. */
    public static ChildJvm startWith(List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("loomscope-child-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildJvm child = new ChildJvm(process, log);
        child.awaitAttachable();
        return child;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the child printed {@code line}: what it did on purpose, not a guess at how long it takes. */
    public void awaitOutput(String line, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!output().lines().anyMatch(line::equals)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("the child never printed '" + line + "' within " + within + "; its output: " + output());
            }
            Thread.sleep(50);
        }
    }

    private void awaitAttachable() throws InterruptedException, IOException {
        try {
            LocalJvms.awaitAttachable(process.pid(), Duration.ofSeconds(20));
        } catch (AttachException e) {
            throw new IOException(e.getMessage() + " Its output: " + output(), e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
