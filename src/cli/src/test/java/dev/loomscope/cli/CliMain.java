package dev.loomscope.cli;

/** The CLI as its own process, for tests that need one (a small heap). */
public final class CliMain {
    private CliMain() {
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
