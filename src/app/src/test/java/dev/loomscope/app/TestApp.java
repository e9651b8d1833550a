package dev.loomscope.app;

import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real app for a test class, started as {@code loomscope [FILE]} would start it. Each start
 * gets a settings folder of its own: the app saves what a test changes (thresholds, recent
 * files), and one test's thresholds must not be the next test's defaults.
 */
final class TestApp {
    private TestApp() {
    }

    /** Starts the app with {@code args} (a recording, or nothing) and waits for its window. */
    static LoomscopeApp start(String... args) throws Exception {
        try {
            Path config = Files.createTempDirectory("loomscope-config");
            config.toFile().deleteOnExit();                          // deleted last: after the file in it
            config.resolve("settings.json").toFile().deleteOnExit();
            System.setProperty("loomscope.config", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FxToolkit.registerPrimaryStage();
        LoomscopeApp app = (LoomscopeApp) FxToolkit.setupApplication(LoomscopeApp.class, args);
        Await.until("the app's window is up", 60, () -> app.window() != null);
        return app;
    }

    /** Starts the app on {@code recording} and waits until it shows it. */
    static LoomscopeApp open(Path recording) throws Exception {
        LoomscopeApp app = start(recording.toString());
        // The timeline is shown from the file's first chunk on: wait for the whole file, or a test
        // reading it (durations, spans) reads a timeline that the loader is still writing.
        Await.until("the whole file is loaded", 60, () -> app.window().timeline() != null
                && !app.window().stage().getTitle().endsWith("(loading)"));
        WaitForAsyncUtils.waitForFxEvents(); // the tabs' headers appear with the next layout
        return app;
    }

    static void stop(LoomscopeApp app) throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
