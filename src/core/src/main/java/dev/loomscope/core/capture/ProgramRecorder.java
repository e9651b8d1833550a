package dev.loomscope.core.capture;

import dev.loomscope.core.threaddump.ThreadDump;
import dev.loomscope.core.threaddump.ThreadDumpFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Java program from its first instruction to its exit under a Loomscope recording, the way
 * {@code go test -trace} does: the demo, {@code loomscope record -- java ...} and the tests' ground
 * truth all come from here.
 *
 * <p>The program runs on the JDK Loomscope itself runs on unless the caller names another
 * launcher. Its output goes to a file next to the recording, never to a pipe nobody reads (a full
 * pipe would stall the program).
 */
public final class ProgramRecorder {

    /**
     * What a recorded run produced.
     *
     * @param exitCode  the program's exit code
     * @param recording the {@code .jfr} written at exit
     * @param output    the program's standard output and error
     */
    public record Result(int exitCode, Path recording, String output) {
    }

    private ProgramRecorder() {
    }

    /** The {@code java} launcher of the running JDK. */
    public static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Runs {@code java <recording option> <javaArguments...>} and waits for it to exit; its output
     * is captured in {@link Result#output()}.
     *
     * @param javaArguments what follows {@code java} on a command line: options, class path, main class, arguments
     * @param output        where the recording goes
     * @param timeout       how long the program may run; past it, it is killed and this fails
     */
    public static Result record(List<String> javaArguments, Path output, Duration timeout)
            throws IOException, InterruptedException {
        return record(javaArguments, output, timeout, false);
    }

    /**
     * As {@link #record(List, Path, Duration)}; with {@code terminal} the program reads and writes
     * this process's standard streams instead (an interactive run), and its output is not captured.
     */
    public static Result record(List<String> javaArguments, Path output, Duration timeout, boolean terminal)
            throws IOException, InterruptedException {
        return record(javaLauncher(), javaArguments, output, timeout, terminal, RecordingLimits.NONE);
    }

    /**
     * As {@link #record(List, Path, Duration, boolean)}, with the program started by {@code java}
     * and at most {@code limits} of the recording kept (the newest).
     */
    public static Result record(Path java, List<String> javaArguments, Path output, Duration timeout, boolean terminal,
                                RecordingLimits limits) throws IOException, InterruptedException {
        boolean agent = loadsAgent(javaArguments);
        String option = RecordingSettings.startFlightRecordingOption(output, limits, agent);
        if (!agent) {
            return run(java, option, javaArguments, output, timeout, terminal);
        }
        // The agent dumps the threads as the program exits: where the threads blocked forever wait,
        // which the recording cannot say. The dump goes beside the recording, where ingest finds it.
        Path exitDump = Files.createTempFile("loomscope-exit-threads-", ".json");
        try {
            Result result = run(java, option, withExitDump(javaArguments, exitDump), output, timeout, terminal);
            keepBeside(exitDump, output);
            return result;
        } finally {
            Files.deleteIfExists(exitDump);
        }
    }

    /**
     * Keeps the agent's exit dump beside the recording, in Loomscope's thread dump file. No dump (a
     * program that halted, too many threads to dump) is no error: the recording says less, that is all.
     */
    private static void keepBeside(Path exitDump, Path recording) throws IOException {
        if (Files.size(exitDump) > 0) {
            ThreadDumpFile.write(ThreadDumpFile.besides(recording), List.of(ThreadDump.read(exitDump)));
        }
    }

    /** The arguments with {@code exitdump=file} added to the Loomscope agent's options. */
    private static List<String> withExitDump(List<String> javaArguments, Path file) {
        if (file.toString().contains(",")) {
            return javaArguments; // the agent's option syntax splits on commas: no dump then
        }
        List<String> result = new ArrayList<>();
        for (String argument : javaArguments) {
            boolean ours = argument.startsWith("-javaagent:") && argument.contains("loomscope-agent");
            result.add(!ours ? argument : argument + (argument.contains("=") ? "," : "=") + "exitdump=" + file);
        }
        return result;
    }

    /** Whether the program loads the Loomscope agent, whose events then replace the carrier method traces. */
    private static boolean loadsAgent(List<String> javaArguments) {
        return javaArguments.stream().anyMatch(a -> a.startsWith("-javaagent:") && a.contains("loomscope-agent")
                && !a.contains("level=off"));
    }

    /**
     * Runs the program under a recording of other settings than Loomscope's, as a user would make
     * one: {@code settings} is what goes before {@code filename=} in {@code -XX:StartFlightRecording:}
     * ({@code settings=profile,jdk.VirtualThreadStart#enabled=true}). Loomscope must read those too.
     */
    public static Result recordWithSettings(String settings, List<String> javaArguments, Path output, Duration timeout)
            throws IOException, InterruptedException {
        String option = "-XX:StartFlightRecording:" + settings + ",filename=" + output.toAbsolutePath() + ",dumponexit=true";
        return run(javaLauncher(), option, javaArguments, output, timeout, false);
    }

    private static Result run(Path java, String recordingOption, List<String> javaArguments, Path output,
                              Duration timeout, boolean terminal) throws IOException, InterruptedException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.deleteIfExists(output);
        Files.deleteIfExists(ThreadDumpFile.besides(output)); // another recording's, by the same name
        Path log = dir.resolve(output.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add(recordingOption);
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (terminal) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Files.writeString(log, "");
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("The recorded program did not exit within " + timeout.toSeconds()
                    + " s and was killed: " + String.join(" ", javaArguments) + "\nIts output:\n" + Files.readString(log));
        }
        String text = Files.readString(log);
        Files.deleteIfExists(log);
        if (!Files.exists(output)) {
            throw new IOException("The program exited (code " + process.exitValue() + ") without writing a "
                    + "recording to " + output + ". Its output:\n" + text);
        }
        return new Result(process.exitValue(), output, text);
    }
}
