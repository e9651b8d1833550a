package dev.loomscope.app;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The JavaFX application. Started through {@link Main} (a main class that extends
 * {@code Application} fails on the class path with "JavaFX runtime components are missing").
 * Parameters: none, {@code demo}, or a recording to open.
 */
public final class LoomscopeApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage);
        List<String> args = getParameters().getRaw();
        stage.show();
        if (args.size() == 1 && args.getFirst().equals("demo")) {
            window.runDemo();
        } else if (args.size() == 1 && ViewLink.isLink(args.getFirst())) {
            window.openLink(args.getFirst());
        } else if (args.size() == 1) {
            window.open(Path.of(args.getFirst()));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    /** The window, once started (for tests). */
    public MainWindow window() {
        return window;
    }
}
