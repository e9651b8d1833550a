package dev.loomscope.app;

import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/** The window's menus; every item calls one action of the {@link MainWindow}. */
final class MainMenu {
    private MainMenu() {
    }

    static MenuBar of(MainWindow window, boolean dark) {
        Menu file = new Menu("File", null,
                item("Open...", "Shortcut+O", e -> window.chooseFile()),
                item("Open link...", "Shortcut+L", e -> window.chooseLink()),
                item("Attach to a running JVM...", "Shortcut+Shift+A", e -> window.chooseJvm()),
                item("Export the range on screen...", "Shortcut+E", e -> window.chooseExport()),
                item("Compare with another recording...", "Shortcut+D", e -> window.chooseCompare()),
                item("Run the demo", null, e -> window.runDemo()),
                item("Quit", "Shortcut+Q", e -> window.stage().close()));
        CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
        darkTheme.setSelected(dark);
        darkTheme.setOnAction(e -> window.setDarkTheme(darkTheme.isSelected()));
        Menu view = new Menu("View", null,
                item("Filter threads...", "Shortcut+F", e -> window.focusFilter()),
                item("Show the whole recording (Home)", null, e -> window.showWholeRecording()),
                item("Back", "Alt+Left", e -> window.workspace().back()),
                item("Forward", "Alt+Right", e -> window.workspace().forward()),
                item("Copy link to this view", "Shortcut+Shift+C", e -> window.copyLink()),
                darkTheme);
        Menu analyse = new Menu("Analyse", null,
                item("Analyse again", null, e -> window.findings().analyse()),
                item("Plugins...", null, e -> window.showPlugins()));
        Menu help = new Menu("Help", null,
                item("Keyboard shortcuts", "F1", e -> HelpDialogs.shortcuts(window.stage())),
                item("About Loomscope", null, e -> HelpDialogs.about(window.stage())));
        MenuBar bar = new MenuBar(file, view, analyse, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, EventHandler<ActionEvent> action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(action);
        return item;
    }
}
