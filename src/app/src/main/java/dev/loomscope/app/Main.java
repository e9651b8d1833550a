package dev.loomscope.app;

import dev.loomscope.app.render.RenderCommand;
import dev.loomscope.cli.Cli;
import javafx.application.Application;

import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The one entry point: {@code loomscope [FILE.jfr | demo]} opens the app; headless commands
 * ({@code summary}, ...) run the CLI without starting JavaFX.
 */
public final class Main {
    private static final String USAGE = """
            Usage:
              loomscope                     open the app
              loomscope FILE.jfr            open a recording in the app
              loomscope demo                run the bundled sample app and watch it live
              loomscope --version           print the versions of Loomscope, the JDK and JavaFX
            """ + Cli.COMMAND_USAGE + RenderCommand.USAGE;

    /** Held so the filter on it is not collected with a weakly held logger. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private Main() {
    }

    /**
     * JavaFX warns when it is loaded from the class path. Loomscope runs it from the class path on
     * purpose (one launcher for the app and the CLI, plugins on the same loader) and it works; the
     * warning would only alarm a user reading the output of {@code render}. Other warnings pass.
     */
    static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.print(Versions.text());
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.print(USAGE);
            return;
        }
        quietClassPathWarning();
        if (args.length > 0 && args[0].equals("render")) {
            int code = new RenderCommand(System.out, System.err).run(Arrays.asList(args).subList(1, args.length));
            System.exit(code);
        }
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            System.exit(new Cli(System.out, System.err).run(args));
        }
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("loomscope: unexpected arguments " + Arrays.toString(args));
            System.err.print(USAGE);
            System.exit(2);
        }
        Application.launch(LoomscopeApp.class, args);
    }
}
