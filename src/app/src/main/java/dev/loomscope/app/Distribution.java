package dev.loomscope.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the parts of the Loomscope installation the app runs from are: the folder the launcher
 * names in {@code loomscope.home} ({@code packaging/target/loomscope} in a source tree, the app
 * image's folder once installed), with {@code plugins/}, {@code samples/} and {@code agent/}.
 */
final class Distribution {
    private Distribution() {
    }

    /** The installation folder, or null when the app was started without the launcher (tests). */
    static Path home() {
        String home = System.getProperty("loomscope.home");
        return home == null ? null : Path.of(home);
    }

    /** The plugins folder, or null. */
    static Path plugins() {
        Path home = home();
        return home == null ? null : home.resolve("plugins");
    }

    /** A bundled sample app's jar, or null if this installation has none. */
    static Path sample(String jar) {
        Path home = home();
        Path path = home == null ? null : home.resolve("samples").resolve(jar);
        return path != null && Files.isRegularFile(path) ? path : null;
    }
}
