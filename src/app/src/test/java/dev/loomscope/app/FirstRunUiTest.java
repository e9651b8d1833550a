package dev.loomscope.app;

import dev.loomscope.app.settings.Settings;
import dev.loomscope.app.settings.SettingsStore;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first window: the welcome page, recent files, a damaged settings file, help. */
class FirstRunUiTest {
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void start(SettingsStore store) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            window = new MainWindow(stage, store);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWelcomePageOpensARecordingAndRemembersIt(@TempDir Path config) throws Exception {
        start(new SettingsStore(config.resolve("settings.json")));
        assertTrue(robot.lookup("#welcome").query().isVisible());
        Path recording = SampleRecordings.pipeline().toAbsolutePath();
        robot.interact(() -> window.open(recording)); // what the Open button's file chooser hands over
        Await.until("the demo's recording is shown", 30, () -> window.timeline() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#welcome").tryQuery().map(n -> n.getScene() == null || !n.isVisible()).orElse(true)
                || robot.lookup("#threads-view").query().isVisible());
        Settings saved = new SettingsStore(config.resolve("settings.json")).load();
        assertEquals(recording.toString(), saved.recentFiles().getFirst(), "the recent files persist");

        FxToolkit.cleanupStages();
        start(new SettingsStore(config.resolve("settings.json")));
        Hyperlink recent = robot.lookup("#recent-files").lookup((Hyperlink h) -> h.getText().equals(recording.toString()))
                .queryAs(Hyperlink.class);
        robot.clickOn(recent);
        Await.until("the recording is shown", 30, () -> window.timeline() != null);
    }

    @Test
    void aDamagedSettingsFileIsReportedAndReplaced(@TempDir Path config) throws Exception {
        Path file = config.resolve("settings.json");
        Files.writeString(file, "{ this is not json");
        start(new SettingsStore(file));
        Label banner = robot.lookup("#banner").queryAs(Label.class);
        assertTrue(banner.isVisible() && banner.getText().contains("could not be read"), banner.getText());
        assertEquals(Settings.DEFAULT, window.settings());
        assertTrue(Files.readString(file).contains("windowMinutes"), "replaced by the defaults");
        try (var files = Files.list(config)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("settings.json.damaged-")),
                    "the damaged file is kept aside");
        }
    }

    @Test
    void helpListsTheKeyboardShortcuts(@TempDir Path config) throws Exception {
        start(new SettingsStore(config.resolve("settings.json")));
        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        Await.until("the shortcuts dialog opens", () -> robot.lookup("#help-text").tryQuery().isPresent());
        String text = robot.lookup("#help-text").queryTextInputControl().getText();
        assertTrue(text.contains("W / S") && text.contains("Ctrl+O"), text);
    }
}
