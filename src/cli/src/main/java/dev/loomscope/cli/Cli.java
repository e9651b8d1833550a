package dev.loomscope.cli;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingException;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.summary.RecordingSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The headless commands. Each returns a process exit code: 0 success, 1 a finding gate tripped
 * (later: {@code analyze --fail-on}), 2 bad usage or unreadable input; errors go to {@code err}
 * as one plain sentence saying what to do.
 */
public final class Cli {
    /** The commands this class runs; the launcher sends these here and everything else to the app. */
    public static final Set<String> COMMANDS = Set.of("summary", "analyze", "record");

    /** One line or two per command, for usage texts. */
    public static final String COMMAND_USAGE = """
              loomscope summary FILE.jfr    print recording length, thread counts and time per state per thread group
            """ + AnalyzeCommand.USAGE + RecordCommand.USAGE;

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            err.print("Usage:\n" + COMMAND_USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "summary" -> summary(rest);
                case "analyze" -> new AnalyzeCommand(out, err).run(rest);
                case "record" -> new RecordCommand(out, err).run(rest);
                default -> throw new IllegalStateException(args[0]);
            };
        } catch (IllegalArgumentException e) {
            err.println("loomscope: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("loomscope: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("loomscope: " + args[0] + " failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("loomscope: interrupted");
            return 2;
        }
    }

    private int summary(List<String> args) {
        if (args.size() != 1) {
            err.println("summary takes one recording: loomscope summary FILE.jfr");
            return 2;
        }
        Timeline timeline = load(Path.of(args.getFirst()));
        if (timeline == null) {
            return 2;
        }
        out.print(RecordingSummary.of(timeline).render());
        return 0;
    }

    private Timeline load(Path file) {
        try {
            return RecordingLoader.load(file, LoadMonitor.NONE);
        } catch (RecordingException e) {
            err.println("loomscope: " + e.getMessage());
        } catch (IOException e) {
            err.println("loomscope: could not read " + file + ": " + e.getMessage());
        }
        return null;
    }
}
