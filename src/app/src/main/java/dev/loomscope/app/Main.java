package dev.loomscope.app;

import dev.loomscope.app.render.RenderCommand;
import dev.loomscope.cli.Cli;
import javafx.application.Application;

import java.util.Arrays;

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

    private Main() {
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
