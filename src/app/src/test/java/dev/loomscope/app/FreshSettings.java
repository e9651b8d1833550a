package dev.loomscope.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Gives the next app a settings folder of its own. The app saves what a test changes (thresholds,
 * recent files); without this, one test's thresholds would be the next test's defaults.
 */
final class FreshSettings {
    private FreshSettings() {
    }

    static void use() {
        try {
            System.setProperty("loomscope.config", Files.createTempDirectory("loomscope-config").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
