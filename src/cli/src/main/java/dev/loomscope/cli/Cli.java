package dev.loomscope.cli;

import dev.loomscope.core.jfr.HeapAdvice;

import java.io.IOException;
import java.io.PrintStream;
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
    public static final Set<String> COMMANDS = Set.of("summary", "analyze", "record", "export", "diff");

    /** One line or two per command, for usage texts. */
    public static final String COMMAND_USAGE = SummaryCommand.USAGE + AnalyzeCommand.USAGE + RecordCommand.USAGE
            + ExportCommand.USAGE + DiffCommand.USAGE;

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Whether a command's arguments ask for its usage ({@code --help} or {@code -h}, anywhere). */
    public static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static String usageOf(String command) {
        return switch (command) {
            case "summary" -> SummaryCommand.USAGE;
            case "analyze" -> AnalyzeCommand.USAGE;
            case "record" -> RecordCommand.USAGE;
            case "export" -> ExportCommand.USAGE;
            case "diff" -> DiffCommand.USAGE;
            default -> throw new IllegalStateException(command);
        };
    }

    public int run(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            err.print("Usage:\n" + COMMAND_USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (asksForHelp(rest)) {
            out.print("Usage:\n" + usageOf(args[0]));
            return 0;
        }
        try {
            return switch (args[0]) {
                case "summary" -> new SummaryCommand(out).run(rest);
                case "analyze" -> new AnalyzeCommand(out, err).run(rest);
                case "record" -> new RecordCommand(out, err).run(rest);
                case "export" -> new ExportCommand(out).run(rest);
                case "diff" -> new DiffCommand(out).run(rest);
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
        } catch (OutOfMemoryError e) {
            err.println("loomscope: " + HeapAdvice.outOfMemory());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("loomscope: interrupted");
            return 2;
        }
    }
}
