package dev.loomscope.app.render;

import javafx.application.Platform;

/** JavaFX started without a window system, for drawing views into files and measuring them. */
public final class Headless {
    private Headless() {
    }

    /** Starts JavaFX once, on Monocle's headless platform when there is no display to use. */
    public static synchronized void start() {
        if (System.getenv("DISPLAY") == null || Boolean.getBoolean("loomscope.headless")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // Started before (tests, or a second render): fine.
        }
        Platform.setImplicitExit(false);
    }
}
